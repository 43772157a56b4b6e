using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Access;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Access;

/// <summary>
/// The host ports in use on one engine, with one list call of every container (all repositories, managed or not):
/// a running container's published ports from the list, a managed container's ports from its
/// <see cref="HostPortLabel"/> too, since a stopped container's bindings are not listed but come back on start.
/// </summary>
internal sealed class HostPortReader(IDockerClient client)
{
    public async Task<HostPortsInUse> ReadAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken);
        return Collect(key, containers);
    }

    internal static HostPortsInUse Collect(WorkspaceKey key, IEnumerable<ContainerListResponse> containers)
    {
        var inUse = new HashSet<int>();
        var own = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            var labeled = container.Labels is { } labels && labels.TryGetValue(HostPortLabel.Key, out var value)
                ? HostPortLabel.Parse(value)
                : new Dictionary<string, int>();
            if (WorkspaceLabels.IsOwned(container.Labels, key))
            {
                foreach (var (portKey, port) in labeled)
                {
                    own[portKey] = port;
                }

                continue;
            }

            inUse.UnionWith(labeled.Values);
            inUse.UnionWith((container.Ports ?? []).Where(p => p.PublicPort != 0).Select(p => (int)p.PublicPort));
        }

        return new HostPortsInUse(inUse, own);
    }
}
