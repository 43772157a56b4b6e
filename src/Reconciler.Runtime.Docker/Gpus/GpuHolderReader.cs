using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.Gpu.Placement;

namespace Reconciler.Runtime.Docker.Gpus;

/// <summary>
/// Every managed container on the engine that carries a GPU assignment, of every repository, with one list call
/// filtered on the ownership label and the <c>dev.reconciler.gpu</c> label. A container whose label this version
/// cannot read is skipped: it holds nothing this version can account for.
/// </summary>
internal sealed class GpuHolderReader(IDockerClient client)
{
    public async Task<IReadOnlyList<GpuHolder>> ReadAsync(string host, CancellationToken cancellationToken)
    {
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool>
                {
                    [$"{OwnershipLabels.ManagedBy}={OwnershipLabels.ManagedByValue}"] = true,
                    [GpuLabels.Key] = true,
                },
            },
        }, cancellationToken);
        var holders = new List<GpuHolder>(containers.Count);
        foreach (var container in containers)
        {
            if (Map(container, host) is { } holder)
            {
                holders.Add(holder);
            }
        }

        return holders;
    }

    internal static GpuHolder? Map(ContainerListResponse container, string host)
    {
        var labels = container.Labels;
        if (labels is null
            || !labels.TryGetValue(OwnershipLabels.Repository, out var repository)
            || !labels.TryGetValue(OwnershipLabels.Workspace, out var workspace))
        {
            return null;
        }

        var key = new WorkspaceKey(repository, workspace);
        return GpuLabels.Read(labels.AsReadOnly(), key.ToString(), host) is { } assignment
            ? new GpuHolder(key, container.ID, assignment, IsHolding(container.State))
            : null;
    }

    /// <summary>A running, paused or restarting container keeps its GPUs; created, exited and dead ones release them.</summary>
    internal static bool IsHolding(string? state) => state is "running" or "paused" or "restarting";
}
