using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Storage;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>
/// Creates the named volumes a workspace mounts when they do not exist yet; existing volumes are used as they are.
/// A workspace volume is created with <see cref="WorkspaceLabels.SeedMarker"/> naming its marker volume, which
/// <see cref="MarkSeededAsync"/> creates once seeding finished: a workspace volume that carries the label but has no
/// marker was left by an interrupted apply (killed between volume create and the end of the seed) and is seeded again.
/// An s3 volume works the same way with <see cref="WorkspaceLabels.S3FillMarker"/> and <see cref="MarkFilledAsync"/>:
/// one whose fill never finished is filled again.
/// </summary>
internal sealed class VolumeEnsurer(IDockerClient client, MutationCounter mutations, ILogger logger, IReadOnlyDictionary<string, StorageCredential>? credentials = null)
{
    /// <summary>
    /// Returns whether the workspace volume must be seeded (created now, or never seeded completely), and the storage
    /// entries whose volumes were created now (s3 volumes are filled from their bucket then). nfs and ceph volumes carry the
    /// local driver's options (<see cref="StorageDriverOptions"/>); one made with other options, or an s3 volume filled from
    /// another source, is made again.
    /// </summary>
    public async Task<EnsuredVolumes> EnsureAsync(DesiredWorkspace desired, IReadOnlyList<ResolvedMount> mounts, CancellationToken cancellationToken)
    {
        var mustSeed = false;
        var created = new List<StorageSpec>();
        foreach (var mount in mounts.Where(m => m.Role is not null))
        {
            var name = mount.Request.Source!;
            var storage = mount.IsWorkspace ? null : desired.Spec.Storage.FirstOrDefault(s => WorkspaceNames.StorageVolume(desired.Key, s.Name) == name);
            var driverOptions = storage is null ? null : StorageDriverOptions.For(storage, credentials ?? new Dictionary<string, StorageCredential>());
            if (await InspectAsync(name, cancellationToken) is { } existing)
            {
                if (mount.IsWorkspace && await IsUnseededAsync(existing, cancellationToken))
                {
                    Log.VolumeNotSeeded(logger, name);
                    mustSeed = true;
                }

                var stale = (driverOptions is not null && !StorageDriverOptions.Match(existing.Options, existing.Driver, driverOptions))
                            || (storage?.Type == StorageType.S3 && !S3VolumeLabels.Match(existing.Labels, storage));
                if (!stale)
                {
                    if (storage?.Type == StorageType.S3 && await IsUnfilledAsync(existing, cancellationToken))
                    {
                        // Left by an apply killed during the fill: fill it again (the whole prefix, over what is there).
                        Log.S3VolumeNotFilled(logger, name);
                        created.Add(storage);
                    }

                    continue;
                }

                Log.StorageVolumeReplaced(logger, name);
                await RemoveAsync(name, cancellationToken);
            }

            if (storage?.Type == StorageType.S3)
            {
                // A marker left from an earlier volume of this name must not vouch for the one made now.
                await RemoveIfPresentAsync(DockerNames.S3FillMarkerVolume(name), cancellationToken);
            }

            var labels = WorkspaceLabels.ForVolume(desired, mount.Role!);
            if (mount.IsWorkspace)
            {
                labels[WorkspaceLabels.SeedMarker] = DockerNames.SeedMarkerVolume(desired.Key);
            }

            if (storage?.Type == StorageType.S3)
            {
                foreach (var (key, value) in S3VolumeLabels.For(storage))
                {
                    labels[key] = value;
                }

                labels[WorkspaceLabels.S3FillMarker] = DockerNames.S3FillMarkerVolume(name);
            }

            await CreateAsync(name, labels, driverOptions, cancellationToken);
            Log.VolumeCreated(logger, name);
            mustSeed |= mount.IsWorkspace;
            if (storage is not null)
            {
                created.Add(storage);
            }
        }

        return new EnsuredVolumes(mustSeed, created);
    }

    /// <summary>Records that the workspace volume of <paramref name="desired"/> was seeded completely.</summary>
    public async Task MarkSeededAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
        => await CreateAsync(DockerNames.SeedMarkerVolume(desired.Key), WorkspaceLabels.ForVolume(desired, WorkspaceLabels.SeedMarkerRole), null, cancellationToken);

    /// <summary>Records that the s3 volume <paramref name="volume"/> of <paramref name="desired"/> was filled completely.</summary>
    public async Task MarkFilledAsync(DesiredWorkspace desired, string volume, CancellationToken cancellationToken)
        => await CreateAsync(DockerNames.S3FillMarkerVolume(volume), WorkspaceLabels.ForVolume(desired, WorkspaceLabels.S3FillMarkerRole), null, cancellationToken);

    private async Task<bool> IsUnfilledAsync(VolumeResponse volume, CancellationToken cancellationToken)
        => volume.Labels is { } labels
           && labels.TryGetValue(WorkspaceLabels.S3FillMarker, out var marker)
           && await InspectAsync(marker, cancellationToken) is null;

    private async Task RemoveIfPresentAsync(string name, CancellationToken cancellationToken)
    {
        if (await InspectAsync(name, cancellationToken) is not null)
        {
            await RemoveAsync(name, cancellationToken);
        }
    }

    private async Task<bool> IsUnseededAsync(VolumeResponse volume, CancellationToken cancellationToken)
        => volume.Labels is { } labels
           && labels.TryGetValue(WorkspaceLabels.SeedMarker, out var marker)
           && await InspectAsync(marker, cancellationToken) is null;

    private async Task CreateAsync(string name, IDictionary<string, string> labels, Dictionary<string, string>? driverOptions, CancellationToken cancellationToken)
    {
        try
        {
            mutations.Add();
            await client.Volumes.CreateAsync(
                new VolumesCreateParameters
                {
                    Name = name,
                    Labels = labels,
                    Driver = driverOptions is null ? null : StorageDriverOptions.Driver,
                    DriverOpts = driverOptions,
                },
                cancellationToken);
        }
        catch (DockerApiException e)
        {
            // The engine's message never repeats driver options, so no ceph secret reaches the report.
            throw new StepFailedException("VolumeCreateFailed", $"volume {name} could not be created: {DockerErrors.Message(e)}");
        }
    }

    private async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            mutations.Add();
            await client.Volumes.RemoveAsync(name, force: false, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("VolumeReplaceFailed", $"volume {name} must be made again for its new storage settings, but could not be removed: {DockerErrors.Message(e)}");
        }
    }

    private async Task<VolumeResponse?> InspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Volumes.InspectAsync(name, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

/// <summary>What <see cref="VolumeEnsurer.EnsureAsync"/> did: whether to seed the workspace volume, and which storage volumes it created.</summary>
internal sealed record EnsuredVolumes(bool SeedWorkspace, IReadOnlyList<StorageSpec> CreatedStorage);
