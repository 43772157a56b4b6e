using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>
/// Creates the named volumes a workspace mounts when they do not exist yet; existing volumes are used as they are.
/// A workspace volume is created with <see cref="WorkspaceLabels.SeedMarker"/> naming its marker volume, which
/// <see cref="MarkSeededAsync"/> creates once seeding finished: a workspace volume that carries the label but has no
/// marker was left by an interrupted apply (killed between volume create and the end of the seed) and is seeded again.
/// </summary>
internal sealed class VolumeEnsurer(IDockerClient client, MutationCounter mutations, ILogger logger)
{
    /// <summary>Returns true when the workspace volume must be seeded: created now, or never seeded completely.</summary>
    public async Task<bool> EnsureAsync(DesiredWorkspace desired, IReadOnlyList<ResolvedMount> mounts, CancellationToken cancellationToken)
    {
        var mustSeed = false;
        foreach (var mount in mounts.Where(m => m.Role is not null))
        {
            var name = mount.Request.Source!;
            if (await InspectAsync(name, cancellationToken) is { } existing)
            {
                if (mount.IsWorkspace && await IsUnseededAsync(existing, cancellationToken))
                {
                    Log.VolumeNotSeeded(logger, name);
                    mustSeed = true;
                }

                continue;
            }

            var labels = WorkspaceLabels.ForVolume(desired, mount.Role!);
            if (mount.IsWorkspace)
            {
                labels[WorkspaceLabels.SeedMarker] = DockerNames.SeedMarkerVolume(desired.Key);
            }

            await CreateAsync(name, labels, cancellationToken);
            Log.VolumeCreated(logger, name);
            mustSeed |= mount.IsWorkspace;
        }

        return mustSeed;
    }

    /// <summary>Records that the workspace volume of <paramref name="desired"/> was seeded completely.</summary>
    public async Task MarkSeededAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
        => await CreateAsync(DockerNames.SeedMarkerVolume(desired.Key), WorkspaceLabels.ForVolume(desired, WorkspaceLabels.SeedMarkerRole), cancellationToken);

    private async Task<bool> IsUnseededAsync(VolumeResponse volume, CancellationToken cancellationToken)
        => volume.Labels is { } labels
           && labels.TryGetValue(WorkspaceLabels.SeedMarker, out var marker)
           && await InspectAsync(marker, cancellationToken) is null;

    private async Task CreateAsync(string name, IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        try
        {
            mutations.Add();
            await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("VolumeCreateFailed", $"volume {name} could not be created: {DockerErrors.Message(e)}");
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
