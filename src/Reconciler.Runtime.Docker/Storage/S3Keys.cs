namespace Reconciler.Runtime.Docker.Storage;

/// <summary>
/// Maps object keys under a prefix to paths below the mount and back. Keys that are not plain relative paths (folder
/// markers ending in '/', empty, '.' or '..' segments) have no file: they are skipped, never written outside the volume.
/// </summary>
internal static class S3Keys
{
    public static string? ToRelativePath(string key, string prefix)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal) || key.EndsWith('/'))
        {
            return null;
        }

        var relative = key[prefix.Length..].TrimStart('/');
        var segments = relative.Split('/');
        return relative.Length == 0 || segments.Any(s => s.Length == 0 || s == "." || s == "..") ? null : relative;
    }

    public static string ToKey(string prefix, string relativePath)
        => prefix.Length == 0 || prefix.EndsWith('/') ? prefix + relativePath : prefix + "/" + relativePath;
}
