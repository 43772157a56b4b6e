using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Core.Desired;

/// <summary>
/// Flattens a desired workspace into <c>path → canonical value</c> pairs. The hash of the sorted pairs is the
/// spec hash; the pairs themselves are recorded on the runtime object so a later plan can say
/// <c>containerEnv.FOO changed</c> instead of "hash differs".
/// </summary>
internal sealed class SpecFields
{
    private readonly SortedDictionary<string, string> _fields = new(StringComparer.Ordinal);

    public void Add(string path, string? value)
    {
        if (value is not null)
        {
            _fields[path] = value;
        }
    }

    public void Add(string path, long? value) => Add(path, value?.ToString(CultureInfo.InvariantCulture));

    public void Add(string path, bool value, bool defaultValue = false)
    {
        if (value != defaultValue)
        {
            _fields[path] = value ? "true" : "false";
        }
    }

    public void AddList(string path, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            _fields[path] = string.Join(",", list);
        }
    }

    public void AddMap<T>(string prefix, IEnumerable<KeyValuePair<string, T>> values)
    {
        foreach (var (key, value) in values)
        {
            _fields[prefix + "." + key] = value?.ToString() ?? "(unset)";
        }
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new SortedDictionary<string, string>(_fields, StringComparer.Ordinal);

    public static string Hash(IReadOnlyDictionary<string, string> fields)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, value) in fields.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(key));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(value));
            sha.AppendData([0]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
