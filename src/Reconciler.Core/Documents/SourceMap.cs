using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Documents;

/// <summary>
/// Maps JSON pointers (RFC 6901) of values in a parsed document to where they were written.
/// For an object member the pointer maps to the member's key; <see cref="ValueLocation"/> holds the value's own start.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourceLocation> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _values = new(StringComparer.Ordinal);

    public SourceMap(string file) => File = file;

    public string File { get; }

    public void SetKey(string pointer, SourceLocation location) => _keys[pointer] = location;

    public void SetValue(string pointer, SourceLocation location) => _values[pointer] = location;

    /// <summary>Where the member named by <paramref name="pointer"/> was written (its key), else its value, else the nearest parent.</summary>
    public SourceLocation Locate(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (_keys.TryGetValue(current, out var key))
            {
                return key;
            }

            if (_values.TryGetValue(current, out var value))
            {
                return value;
            }

            if (current.Length == 0)
            {
                return SourceLocation.StartOf(File);
            }

            var slash = current.LastIndexOf('/');
            current = slash <= 0 ? "" : current[..slash];
        }
    }

    /// <summary>Where the value itself starts (falls back to <see cref="Locate"/>).</summary>
    public SourceLocation ValueLocation(string pointer)
        => _values.TryGetValue(pointer, out var value) ? value : Locate(pointer);

    /// <summary>Copies the locations under <paramref name="fromPrefix"/> to <paramref name="toPrefix"/> (used when defaults are merged).</summary>
    public void Alias(string fromPrefix, string toPrefix)
    {
        foreach (var (pointer, location) in _keys.Where(p => IsUnder(p.Key, fromPrefix)).ToList())
        {
            _keys.TryAdd(toPrefix + pointer[fromPrefix.Length..], location);
        }

        foreach (var (pointer, location) in _values.Where(p => IsUnder(p.Key, fromPrefix)).ToList())
        {
            _values.TryAdd(toPrefix + pointer[fromPrefix.Length..], location);
        }
    }

    private static bool IsUnder(string pointer, string prefix)
        => pointer.StartsWith(prefix, StringComparison.Ordinal)
           && (pointer.Length == prefix.Length || pointer[prefix.Length] == '/');
}
