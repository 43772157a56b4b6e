using System.Globalization;
using Reconciler.Core.Builds;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Ports;

namespace Reconciler.Core.Desired;

/// <summary>
/// Reads the build context once at load: a context over the size cap, or one that cannot be read, is a located error
/// (nothing is built or changed); otherwise the result is the context hash that names the image.
/// </summary>
internal static class BuildContextCheck
{
    /// <summary>512 MiB: a context larger than that is almost always a forgotten <c>.dockerignore</c> (data, build output).</summary>
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    public static string? Hash(IRepositoryContent repository, ResolvedBuild build, string dockerfileText, long maxBytes, SourceLocation at, DiagnosticBag diagnostics)
    {
        try
        {
            var contents = BuildContextSelection.Select(repository, build);
            if (contents.TotalBytes > maxBytes)
            {
                var largest = contents.Files.OrderByDescending(f => f.Entry.Size).Take(3).Select(f => $"{f.Name} ({f.Entry.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
                diagnostics.Error(
                    DiagnosticCodes.BuildContextTooLarge,
                    $"build context '{(build.ContextPath.Length == 0 ? "." : build.ContextPath)}' holds {contents.TotalBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes in {contents.Files.Count} files; "
                    + $"the limit is {maxBytes.ToString("N0", CultureInfo.InvariantCulture)}. Largest: {string.Join(", ", largest)}. Exclude what the build does not need with a .dockerignore",
                    at);
                return null;
            }

            return BuildContextHasher.Hash(repository, contents, build, dockerfileText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.BuildContextUnreadable, $"build context '{build.ContextPath}' could not be read: {e.Message}", at);
            return null;
        }
    }
}
