using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Compose;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Containers;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Images;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Volumes;

namespace Reconciler.Runtime.Docker.Compose;

/// <summary>
/// Converges a compose project through the Docker API (no compose binary): networks, then the services in start order
/// (a <c>service_healthy</c> dependency is waited for), each kept when its hash label matches and recreated when not,
/// and the services no longer selected removed. The workspace container goes through the normal create path
/// (<see cref="WorkspaceCreator"/>: image, volumes, seed, lifecycle commands). Only what differs is touched.
/// </summary>
internal sealed class ComposeConverger(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, SemaphoreSlim portGate, ILogger logger)
{
    public async Task ConvergeAsync(DesiredWorkspace desired, WorkspaceObservation? observed, IRepositoryContent content, IApplyOutput? output, CancellationToken cancellationToken)
    {
        var compose = desired.Compose!;
        var key = desired.Key;
        var existing = await ListAsync(key, cancellationToken);
        var operations = new ContainerOperations(client, mutations, options, logger);
        var wanted = compose.Sidecars.Select(s => s.Service.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in existing.Where(c => ComposeLabels.IsSidecar(c.Labels) && !wanted.Contains(c.Labels[ComposeLabels.Service])))
        {
            Log.ComposeServiceRemoved(logger, stale.Labels[ComposeLabels.Service], key.ToString());
            await operations.RemoveAsync(stale.ID, key, cancellationToken);
        }

        await EnsureNetworksAsync(key, compose.Networks, cancellationToken);
        foreach (var name in compose.StartOrder)
        {
            var service = name == compose.Service ? compose.Primary : compose.Sidecars.First(s => s.Service.Name == name).Service;
            foreach (var dependency in service.DependsOn.Where(d => d.Healthy))
            {
                await WaitHealthyAsync(key, dependency.Service == compose.Service ? DockerNames.Container(key) : ComposeNames.Container(key, dependency.Service), cancellationToken);
            }

            if (name == compose.Service)
            {
                await ConvergePrimaryAsync(desired, existing, observed, content, output, operations, cancellationToken);
            }
            else
            {
                await ConvergeSidecarAsync(desired, compose.Sidecars.First(s => s.Service.Name == name), existing, content, output, operations, cancellationToken);
            }
        }

        if (desired.Power == PowerState.Stopped)
        {
            await StopSidecarsAsync(key, compose.StartOrder, cancellationToken);
        }
    }

    /// <summary>Stops the running sidecars, dependents first.</summary>
    public async Task StopSidecarsAsync(WorkspaceKey key, IReadOnlyList<string>? startOrder, CancellationToken cancellationToken)
    {
        var operations = new ContainerOperations(client, mutations, options, logger);
        foreach (var sidecar in Ordered(await ListAsync(key, cancellationToken), startOrder).Reverse().Where(c => c.State == "running"))
        {
            await operations.StopAsync(sidecar.ID, key, cancellationToken);
        }
    }

    /// <summary>Starts the sidecars that are not running, dependencies first (before the workspace container starts).</summary>
    public async Task StartSidecarsAsync(WorkspaceKey key, IReadOnlyList<string>? startOrder, CancellationToken cancellationToken)
    {
        var operations = new ContainerOperations(client, mutations, options, logger);
        foreach (var sidecar in Ordered(await ListAsync(key, cancellationToken), startOrder).Where(c => c.State != "running"))
        {
            await operations.StartAsync(sidecar.ID, key, cancellationToken);
        }
    }

    /// <summary>Removes every sidecar and network of the workspace (volumes follow the volume rules of the caller).</summary>
    public async Task RemoveSidecarsAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        var operations = new ContainerOperations(client, mutations, options, logger);
        foreach (var sidecar in (await ListAsync(key, cancellationToken)).Where(c => ComposeLabels.IsSidecar(c.Labels)))
        {
            await operations.RemoveAsync(sidecar.ID, key, cancellationToken);
        }

        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(key, ComposeLabels.Network) }, cancellationToken);
        foreach (var network in networks.Where(n => WorkspaceLabels.IsOwned(n.Labels, key)))
        {
            try
            {
                mutations.Add();
                await client.Networks.DeleteNetworkAsync(network.ID, cancellationToken);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }
    }

    private async Task ConvergePrimaryAsync(
        DesiredWorkspace desired, IList<ContainerListResponse> existing, WorkspaceObservation? observed, IRepositoryContent content, IApplyOutput? output,
        ContainerOperations operations, CancellationToken cancellationToken)
    {
        var key = desired.Key;
        var primaries = existing.Where(c => !ComposeLabels.IsSidecar(c.Labels)).ToList();
        var current = primaries.FirstOrDefault(c => c.Labels.TryGetValue(ComposeLabels.PrimaryHash, out var hash) && hash == desired.Compose!.PrimaryHash
                                                    && c.Names.Any(n => n.TrimStart('/') == DockerNames.Container(key)));
        if (current is not null)
        {
            if (current.State != "running" && desired.Power == PowerState.Running)
            {
                await operations.StartAsync(current.ID, key, cancellationToken);
            }

            return;
        }

        foreach (var old in primaries)
        {
            await operations.RemoveAsync(old.ID, key, cancellationToken);
        }

        await new WorkspaceCreator(client, mutations, options, portGate, logger).CreateAsync(
            desired, content, observed?.HostPorts ?? new Dictionary<string, int>(), output, cancellationToken);
        foreach (var network in desired.Compose!.PrimaryNetworks.Skip(1))
        {
            await ConnectAsync(network, DockerNames.Container(key), desired.Compose.Service, cancellationToken);
        }
    }

    private async Task ConvergeSidecarAsync(
        DesiredWorkspace desired, ComposeSidecar sidecar, IList<ContainerListResponse> existing, IRepositoryContent content, IApplyOutput? output,
        ContainerOperations operations, CancellationToken cancellationToken)
    {
        var key = desired.Key;
        var current = existing.FirstOrDefault(c => ComposeLabels.IsSidecar(c.Labels) && c.Labels[ComposeLabels.Service] == sidecar.Service.Name);
        if (current is not null && current.Labels.TryGetValue(ComposeLabels.ServiceHash, out var hash) && hash == sidecar.Hash)
        {
            if (current.State != "running")
            {
                await operations.StartAsync(current.ID, key, cancellationToken);
            }

            return;
        }

        if (current is not null)
        {
            Log.ComposeServiceRecreated(logger, sidecar.Service.Name, key.ToString());
            await operations.RemoveAsync(current.ID, key, cancellationToken);
        }

        await new ImageEnsurer(client, mutations, options, logger).EnsureAsync(desired with { Image = sidecar.Image, Build = sidecar.Service.Build }, content, output, cancellationToken);
        var workspaceVolume = DockerNames.WorkspaceVolume(key);
        var volumes = sidecar.Mounts.Where(m => m.Kind == MountKind.Volume)
            .Select(m => new ResolvedMount(m, m.Source == workspaceVolume ? WorkspaceLabels.WorkspaceRole : "compose:" + m.Source))
            .ToList();
        await new VolumeEnsurer(client, mutations, logger).EnsureAsync(desired, volumes, cancellationToken);

        var parameters = SidecarConfigBuilder.Build(desired, sidecar);
        string id;
        try
        {
            mutations.Add();
            id = (await client.Containers.CreateContainerAsync(parameters, cancellationToken)).ID;
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("ComposeServiceFailed", $"compose service {sidecar.Service.Name} could not be created: {DockerErrors.Message(e)}");
        }

        foreach (var network in sidecar.Networks.Skip(1))
        {
            await ConnectAsync(network, id, sidecar.Service.Name, cancellationToken);
        }

        Log.ComposeServiceCreated(logger, sidecar.Service.Name, sidecar.ContainerName);
        if (desired.Power == PowerState.Running)
        {
            await operations.StartAsync(id, key, cancellationToken);
        }
    }

    private async Task EnsureNetworksAsync(WorkspaceKey key, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var present = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(key, ComposeLabels.Network) }, cancellationToken);
        foreach (var name in names.Where(n => present.All(p => p.Name != n)))
        {
            try
            {
                mutations.Add();
                await client.Networks.CreateNetworkAsync(
                    new NetworksCreateParameters { Name = name, Driver = "bridge", CheckDuplicate = true, Labels = ComposeLabels.ForNetwork(key, name) }, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new StepFailedException("ComposeNetworkFailed", $"network {name} could not be created: {DockerErrors.Message(e)}");
            }
        }
    }

    private async Task ConnectAsync(string network, string container, string alias, CancellationToken cancellationToken)
    {
        mutations.Add();
        await client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters
        {
            Container = container,
            EndpointConfig = new EndpointSettings { Aliases = [alias] },
        }, cancellationToken);
    }

    /// <summary>Waits (polling, up to <see cref="DockerRuntimeOptions.ComposeHealthTimeout"/>) until the container's healthcheck says healthy.</summary>
    private async Task WaitHealthyAsync(WorkspaceKey key, string container, CancellationToken cancellationToken)
    {
        var deadline = options.TimeProvider.GetUtcNow() + options.ComposeHealthTimeout;
        while (true)
        {
            var inspect = await client.Containers.InspectContainerAsync(container, cancellationToken);
            var status = inspect.State?.Health?.Status;
            if (status == "healthy")
            {
                return;
            }

            if (status is null || options.TimeProvider.GetUtcNow() > deadline)
            {
                throw new StepFailedException(
                    "ComposeDependencyUnhealthy",
                    status is null
                        ? $"{container} of {key} has no healthcheck, but a service waits for it with condition service_healthy"
                        : $"{container} of {key} is not healthy after {options.ComposeHealthTimeout.TotalSeconds:0} s (status {status})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), options.TimeProvider, cancellationToken);
        }
    }

    private async Task<IList<ContainerListResponse>> ListAsync(WorkspaceKey key, CancellationToken cancellationToken)
        => await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = ComposeLabels.Filter(key).ToDictionary(f => f, _ => true) },
        }, cancellationToken);

    private static IEnumerable<ContainerListResponse> Ordered(IList<ContainerListResponse> containers, IReadOnlyList<string>? startOrder)
        => containers.Where(c => ComposeLabels.IsSidecar(c.Labels))
            .OrderBy(c => startOrder is null ? 0 : IndexOf(startOrder, c.Labels[ComposeLabels.Service]))
            .ThenBy(c => c.Labels[ComposeLabels.Service], StringComparer.Ordinal);

    private static int IndexOf(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == name)
            {
                return i;
            }
        }

        return order.Count;
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(WorkspaceKey key, string extra)
        => new() { ["label"] = ComposeLabels.Filter(key).Append(extra).ToDictionary(f => f, _ => true) };
}
