using System.Globalization;

namespace Reconciler.Core.Access;

/// <summary>
/// The host ports a container holds, as the value of its <c>dev.reconciler.host-ports</c> label:
/// <c>22/tcp=32001,8080/tcp=32417</c>. Containers carry it so allocation is derived from what exists on the host
/// (stopped containers included, whose ports the engine does not list) rather than from a ledger that can drift.
/// </summary>
public static class HostPortLabel
{
    public const string Key = "dev.reconciler.host-ports";

    public static string Format(IReadOnlyDictionary<string, int> ports)
        => string.Join(',', ports.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The entries that parse; a malformed entry is skipped (it cannot be told apart from a hand edit).</summary>
    public static IReadOnlyDictionary<string, int> Parse(string? value)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.LastIndexOf('=');
            if (eq > 0 && int.TryParse(entry[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            {
                result[entry[..eq]] = port;
            }
        }

        return result;
    }
}
