using System.Formats.Tar;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Archives;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Volumes;

namespace Reconciler.Runtime.Docker.Storage;

/// <summary>
/// Fills a newly created s3 volume with the objects under the bucket prefix, through the engine: the tar is extracted
/// into a created (never started) helper container of the workspace image that mounts the volume read-write, so a
/// read-only mount in the workspace is filled the same way. Files belong to the developer user.
/// </summary>
internal sealed class S3VolumeFiller(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    private const string HelperMount = "/s3";

    public async Task FillAsync(DesiredWorkspace desired, StorageSpec storage, string volume, string? user, CancellationToken cancellationToken)
    {
        var store = S3Stores.Find(options, storage.Endpoint, storage.Name);
        var helper = DockerNames.Container(desired.Key) + ".s3-" + DockerNames.Slug(storage.Name);
        await RemoveHelperAsync(helper);
        string id;
        try
        {
            mutations.Add();
            id = (await client.Containers.CreateContainerAsync(
                new CreateContainerParameters
                {
                    Name = helper,
                    Image = desired.Image,
                    Cmd = ["true"],
                    HostConfig = new HostConfig { Mounts = [new Mount { Type = "volume", Source = volume, Target = HelperMount }] },
                },
                cancellationToken)).ID;
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("S3SyncFailed", $"storage {storage.Name}: the helper container could not be created: {DockerErrors.Message(e)}");
        }

        try
        {
            var (uid, gid) = await new ContainerUserIds(client).ResolveAsync(id, user, cancellationToken);
            await using var archive = new FileStream(
                Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var count = 0;
            await S3Stores.GuardAsync(storage.Name, "download", async () =>
            {
                await using var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true);
                var entries = new TarEntries(writer, options.TimeProvider.GetUtcNow(), uid, gid);
                await entries.AddDirectoryAsync(HelperMount[1..], cancellationToken);
                await foreach (var item in store.ListAsync(storage.Bucket!, storage.Prefix, cancellationToken))
                {
                    if (S3Keys.ToRelativePath(item.Key, storage.Prefix) is not { } relative)
                    {
                        continue;
                    }

                    await using var content = new FileStream(
                        Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                    await store.DownloadAsync(storage.Bucket!, item.Key, content, cancellationToken);
                    content.Position = 0;
                    await entries.AddFileAsync(HelperMount[1..] + "/" + relative, content, cancellationToken);
                    count++;
                }
            });

            archive.Position = 0;
            mutations.Add();
            await client.Containers.ExtractArchiveToContainerAsync(id, new ContainerPathStatParameters { Path = "/" }, archive, cancellationToken);
            Log.S3VolumeFilled(logger, volume, count, storage.Bucket!);
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("S3SyncFailed", $"storage {storage.Name}: the volume {volume} could not be filled: {DockerErrors.Message(e)}");
        }
        finally
        {
            await RemoveHelperAsync(helper);
        }
    }

    private async Task RemoveHelperAsync(string name)
    {
        try
        {
            mutations.Add();
            await client.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Nothing left from an earlier, interrupted fill.
        }
    }
}
