using System.Globalization;

namespace Reconciler.Core.Access;

/// <summary>
/// The host ports a Docker host hands out to published ports without a fixed host port (<c>runtimes.docker.&lt;host&gt;.portRange</c>).
/// Default: <c>32000-32999</c>. Its upper part overlaps Linux's default ephemeral range (32768–60999), which the
/// kernel also uses for outgoing connections; a host with many of those may set a range below 32768.
/// </summary>
public sealed record HostPortRange(int First, int Last)
{
    public static HostPortRange Default { get; } = new(32000, 32999);

    public int Count => Last - First + 1;

    public bool Contains(int port) => port >= First && port <= Last;

    /// <summary>Parses <c>first-last</c> (both 1–65535, first ≤ last); null when malformed.</summary>
    public static HostPortRange? Parse(string? text)
    {
        var parts = (text ?? "").Split('-');
        return parts.Length == 2
               && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
               && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
               && first is > 0 and <= 65535 && last is > 0 and <= 65535 && first <= last
            ? new HostPortRange(first, last)
            : null;
    }

    public override string ToString() => $"{First.ToString(CultureInfo.InvariantCulture)}-{Last.ToString(CultureInfo.InvariantCulture)}";
}
