using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Archives;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>
/// Fills a freshly created workspace volume with the repository files at the commit. The daemon extracts
/// the tar into the created (not started) container, so the image needs no tar. Files are owned by the
/// developer user so lifecycle commands can write to the workspace. Only ever called for a volume this
/// apply created, so the developer's work in an existing volume is never overwritten.
/// </summary>
internal sealed class WorkspaceVolumeSeeder(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    public async Task SeedAsync(
        string containerId, string volume, string workspaceFolder, string? user, IRepositoryContent content, CancellationToken cancellationToken)
    {
        var (uid, gid) = await new ContainerUserIds(client).ResolveAsync(containerId, user, cancellationToken);
        var folder = workspaceFolder.TrimEnd('/');
        var slash = folder.LastIndexOf('/');
        var parent = slash <= 0 ? "/" : folder[..slash];
        var leaf = folder[(slash + 1)..];
        var prefix = leaf.Length == 0 ? string.Empty : leaf + "/";

        await using var archive = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        int count;
        try
        {
            await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
            {
                var entries = new TarEntries(writer, options.TimeProvider.GetUtcNow(), uid, gid);
                if (leaf.Length > 0)
                {
                    // The workspace folder itself is the volume root: this entry gives it to the developer.
                    await entries.AddDirectoryAsync(leaf, cancellationToken);
                }

                foreach (var entry in content.Enumerate(string.Empty))
                {
                    await entries.AddAsync(content, entry, prefix + entry.Path, cancellationToken);
                }

                count = entries.Count;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException("SeedFailed", $"the repository could not be read to seed {volume}: {e.Message}");
        }

        archive.Position = 0;
        try
        {
            mutations.Add();
            await client.Containers.ExtractArchiveToContainerAsync(
                containerId, new ContainerPathStatParameters { Path = parent }, archive, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("SeedFailed", $"volume {volume} could not be seeded: {DockerErrors.Message(e)}");
        }

        Log.VolumeSeeded(logger, volume, count, content.Commit);
    }
}
