using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>Creates the named volumes a workspace mounts when they do not exist yet; existing volumes are used as they are.</summary>
internal sealed class VolumeEnsurer(IDockerClient client, MutationCounter mutations, ILogger logger)
{
    /// <summary>Returns true when the workspace volume was created by this call (and so must be seeded).</summary>
    public async Task<bool> EnsureAsync(DesiredWorkspace desired, IReadOnlyList<ResolvedMount> mounts, CancellationToken cancellationToken)
    {
        var workspaceCreated = false;
        foreach (var mount in mounts.Where(m => m.Role is not null))
        {
            var name = mount.Request.Source!;
            if (await ExistsAsync(name, cancellationToken))
            {
                continue;
            }

            try
            {
                mutations.Add();
                await client.Volumes.CreateAsync(
                    new VolumesCreateParameters { Name = name, Labels = WorkspaceLabels.ForVolume(desired, mount.Role!) },
                    cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new StepFailedException("VolumeCreateFailed", $"volume {name} could not be created: {DockerErrors.Message(e)}");
            }

            Log.VolumeCreated(logger, name);
            workspaceCreated |= mount.IsWorkspace;
        }

        return workspaceCreated;
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.Volumes.InspectAsync(name, cancellationToken);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
