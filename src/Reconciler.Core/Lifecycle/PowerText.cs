using System.Globalization;

namespace Reconciler.Core.Lifecycle;

/// <summary>Instants in reasons: ISO 8601 in UTC, so a reason reads the same on every worker.</summary>
internal static class PowerText
{
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Until(DateTimeOffset? end) => end is { } at ? " until " + Instant(at) : "";
}
