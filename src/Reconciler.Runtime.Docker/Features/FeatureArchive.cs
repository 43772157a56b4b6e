using System.Formats.Tar;
using System.IO.Compression;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>Reads a Feature's tar (an OCI layer, plain tar) or tgz (a tarball URL) into files, refusing paths that leave the folder.</summary>
internal static class FeatureArchive
{
    /// <summary>A Feature folder larger than this is refused (they are scripts and a manifest).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static IReadOnlyList<FeatureFile> Read(byte[] archive)
    {
        using Stream input = archive.Length > 2 && archive[0] == 0x1f && archive[1] == 0x8b
            ? new GZipStream(new MemoryStream(archive), CompressionMode.Decompress)
            : new MemoryStream(archive);
        var files = new List<FeatureFile>();
        long total = 0;
        using var reader = new TarReader(input);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                continue;
            }

            var path = entry.Name.Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Contains(".."))
            {
                throw new FeatureFetchException(Core.Diagnostics.DiagnosticCodes.FeatureManifestInvalid, $"the Feature archive holds a path outside its folder: {entry.Name}");
            }

            total += entry.Length;
            if (total > MaxBytes)
            {
                throw new FeatureFetchException(Core.Diagnostics.DiagnosticCodes.FeatureManifestInvalid, $"the Feature archive is larger than {MaxBytes / 1024 / 1024} MiB");
            }

            using var content = new MemoryStream();
            entry.DataStream.CopyTo(content);
            files.Add(new FeatureFile(path, content.ToArray(), (entry.Mode & UnixFileMode.UserExecute) != 0));
        }

        return files;
    }
}
