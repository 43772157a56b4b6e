using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// Snapshot tags: <c>snap-&lt;yyyyMMdd-HHmmss-fff&gt;-&lt;base&gt;</c>, where base is 8 hex digits of the base image the workspace
/// names. Tags of one base sort by time as text, so the newest is the largest; a workspace whose base image changed
/// starts fresh from the new base instead of from a snapshot of the old one.
/// </summary>
internal static class SnapshotTag
{
    public const string Prefix = SnapshotRegistryOptions.SnapshotTagPrefix;

    public static string For(DateTimeOffset time, string baseImage)
        => $"{Prefix}{time.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{BaseHash(baseImage)}";

    public static string BaseHash(string baseImage)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(baseImage)))[..8];

    /// <summary>Snapshot tags of <paramref name="tags"/>, newest first.</summary>
    public static IReadOnlyList<string> NewestFirst(IEnumerable<string> tags)
        => [.. tags.Where(IsSnapshot).OrderByDescending(t => t, StringComparer.Ordinal)];

    /// <summary>The newest snapshot of <paramref name="baseImage"/>, or null.</summary>
    public static string? Newest(IEnumerable<string> tags, string baseImage)
    {
        var suffix = "-" + BaseHash(baseImage);
        return NewestFirst(tags).FirstOrDefault(t => t.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsSnapshot(string tag) => tag.StartsWith(Prefix, StringComparison.Ordinal) && tag.Length == Prefix.Length + 19 + 1 + 8;
}
