using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Docker.Gpus;

/// <summary>
/// Every managed container on the engine that carries a GPU assignment, of every repository, with one list call
/// filtered on the ownership label and the <c>dev.reconciler.gpu</c> label. A running container whose label this
/// version cannot read (edited by hand, written by another version) is inspected, and the devices of its
/// <c>DeviceRequests</c> count as held exclusively: an unreadable label must never make a GPU look free.
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
            else if (IsHolding(container.State) && Key(container) is { } key)
            {
                var inspected = await client.Containers.InspectContainerAsync(container.ID, cancellationToken);
                if (FromDeviceRequests(key, container.ID, host, inspected.HostConfig?.DeviceRequests) is { } fallback)
                {
                    holders.Add(fallback);
                }
            }
        }

        return holders;
    }

    internal static GpuHolder? Map(ContainerListResponse container, string host)
        => Key(container) is { } key && GpuLabels.Read(container.Labels.AsReadOnly(), key.ToString(), host) is { } assignment
            ? new GpuHolder(key, container.ID, assignment, IsHolding(container.State))
            : null;

    /// <summary>A running container with an unreadable label: every device it asked the engine for, held exclusively.</summary>
    internal static GpuHolder? FromDeviceRequests(WorkspaceKey key, string id, string host, IList<DeviceRequest>? requests)
    {
        var devices = (requests ?? []).SelectMany(r => r.DeviceIDs ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).ToList();
        return devices.Count == 0
            ? null
            : new GpuHolder(key, id, new GpuAssignment(key.ToString(), host, GpuMode.Exclusive, [.. devices.Select(d => new AssignedGpu(d))]), Running: true);
    }

    private static WorkspaceKey? Key(ContainerListResponse container)
        => container.Labels is { } labels
           && labels.TryGetValue(OwnershipLabels.Repository, out var repository)
           && labels.TryGetValue(OwnershipLabels.Workspace, out var workspace)
            ? new WorkspaceKey(repository, workspace)
            : null;

    /// <summary>A running, paused or restarting container keeps its GPUs; created, exited and dead ones release them.</summary>
    internal static bool IsHolding(string? state) => state is "running" or "paused" or "restarting";
}
