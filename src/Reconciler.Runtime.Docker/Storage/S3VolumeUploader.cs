using System.Formats.Tar;
using System.Net;
using System.Security.Cryptography;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Storage;

/// <summary>
/// Writes the s3 volumes of a workspace container back to their buckets (on stop, and before the container is removed
/// or recreated): every volume mounted read-write whose labels say <c>sync: two-way</c>. Only new and changed files are
/// uploaded (size and MD5 against the listed ETag); files deleted in the workspace are not deleted in the bucket, so a
/// workspace can never empty a shared prefix. A read-only mount is never uploaded.
/// </summary>
internal sealed class S3VolumeUploader(IDockerClient client, DockerRuntimeOptions options, ILogger logger)
{
    public async Task UploadAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerInspectResponse container;
        try
        {
            container = await client.Containers.InspectContainerAsync(containerId, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        foreach (var mount in container.Mounts ?? [])
        {
            if (mount.Type != "volume" || !mount.RW || string.IsNullOrEmpty(mount.Name))
            {
                continue;
            }

            var volume = await client.Volumes.InspectAsync(mount.Name, cancellationToken);
            if (volume.Labels is not { } labels
                || !labels.TryGetValue(S3VolumeLabels.Sync, out var sync) || sync != S3VolumeLabels.TwoWay
                || !labels.TryGetValue(S3VolumeLabels.Bucket, out var bucket))
            {
                continue;
            }

            var storage = labels.TryGetValue(Core.Desired.OwnershipLabels.VolumeRole, out var role) ? role.Replace("storage:", "", StringComparison.Ordinal) : mount.Name;
            var store = S3Stores.Find(options, labels.TryGetValue(S3VolumeLabels.Endpoint, out var endpoint) ? endpoint : null, storage);
            var prefix = labels.TryGetValue(S3VolumeLabels.Prefix, out var written) ? written : "";
            await UploadVolumeAsync(containerId, mount, bucket, prefix, store, storage, cancellationToken);
        }
    }

    private async Task UploadVolumeAsync(
        string containerId, MountPoint mount, string bucket, string prefix, IObjectStore store, string storage, CancellationToken cancellationToken)
    {
        var uploaded = 0;
        var unchanged = 0;
        await S3Stores.GuardAsync(storage, "upload", async () =>
        {
            var remote = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
            await foreach (var item in store.ListAsync(bucket, prefix, cancellationToken))
            {
                remote[item.Key] = item;
            }

            GetArchiveFromContainerResponse response;
            try
            {
                response = await client.Containers.GetArchiveFromContainerAsync(
                    containerId, new GetArchiveFromContainerParameters { Path = mount.Destination }, statOnly: false, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new StepFailedException("S3SyncFailed", $"storage {storage}: {mount.Destination} could not be read: {DockerErrors.Message(e)}");
            }

            // Buffered first: the engine's stream is not held open while uploads run, and the tar is read from a plain file.
            await using var archive = new FileStream(
                Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (var stream = response.Stream)
            {
                await stream.CopyToAsync(archive, cancellationToken);
            }

            archive.Position = 0;
            await using var reader = new TarReader(archive);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                // The archive's first segment is the mount folder itself.
                var slash = entry.Name.IndexOf('/');
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null || slash < 0
                    || S3Keys.ToRelativePath(entry.Name[(slash + 1)..], "") is not { } relative)
                {
                    continue;
                }

                await using var content = new FileStream(
                    Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await entry.DataStream.CopyToAsync(content, cancellationToken);
                content.Position = 0;
                var md5 = Convert.ToHexStringLower(await MD5.HashDataAsync(content, cancellationToken));
                var key = S3Keys.ToKey(prefix, relative);
                if (remote.TryGetValue(key, out var existing) && existing.Size == content.Length && existing.ETag == md5)
                {
                    unchanged++;
                    continue;
                }

                content.Position = 0;
                await store.UploadAsync(bucket, key, content, cancellationToken);
                uploaded++;
            }
        });
        Log.S3VolumeUploaded(logger, mount.Name, uploaded, bucket, unchanged);
    }
}
