using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>Removes the volumes labelled with one workspace (one label-filtered list call); unlabelled volumes are never touched.</summary>
internal sealed class VolumePruner(IDockerClient client, MutationCounter mutations, ILogger logger)
{
    public async Task PruneAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        var list = await client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = WorkspaceLabels.Filter(key.Repository, key.Workspace).ToDictionary(f => f, _ => true),
            },
        }, cancellationToken);

        foreach (var volume in list.Volumes ?? [])
        {
            if (!WorkspaceLabels.IsOwned(volume.Labels, key))
            {
                continue;
            }

            try
            {
                mutations.Add();
                await client.Volumes.RemoveAsync(volume.Name, force: false, cancellationToken);
                Log.VolumeRemoved(logger, volume.Name);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
            catch (DockerApiException e)
            {
                throw new StepFailedException("VolumeRemoveFailed", $"volume {volume.Name} could not be removed: {DockerErrors.Message(e)}");
            }
        }
    }
}
