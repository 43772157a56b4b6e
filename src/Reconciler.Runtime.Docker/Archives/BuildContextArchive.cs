using System.Formats.Tar;
using Reconciler.Core.Builds;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Docker.Archives;

/// <summary>
/// The tar sent to the build API: exactly the files <see cref="BuildContextSelection"/> chose (and hashed), paths relative
/// to the context. A Dockerfile outside the context travels as <see cref="BuildContextSelection.OutsideDockerfile"/>.
/// </summary>
internal static class BuildContextArchive
{
    /// <summary>Fixed file time so identical contexts produce identical archives.</summary>
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the context into <paramref name="output"/> and returns the Dockerfile path to pass to the build API.</summary>
    public static async Task<string> WriteAsync(IRepositoryContent content, BuildContextContents contents, Stream output, CancellationToken cancellationToken)
    {
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entries = new TarEntries(writer, FixedTime);
            foreach (var file in contents.Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await entries.AddAsync(content, file.Entry, file.Name, cancellationToken);
            }

            if (!contents.DockerfileInContext)
            {
                await using var stream = content.OpenRead(contents.DockerfilePath);
                await entries.AddFileAsync(BuildContextSelection.OutsideDockerfile, stream, cancellationToken);
            }
        }

        return contents.DockerfileName;
    }
}
