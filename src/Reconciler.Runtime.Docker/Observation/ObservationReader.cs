using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Observation;

/// <summary>Reads managed workspaces with exactly one label-filtered list call; changes nothing.</summary>
internal sealed class ObservationReader(IDockerClient client, ILogger logger)
{
    public async Task<IReadOnlyList<WorkspaceObservation>> ReadAsync(string? repository, CancellationToken cancellationToken)
    {
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = WorkspaceLabels.Filter(repository).ToDictionary(f => f, _ => true),
            },
        };
        var containers = await client.Containers.ListContainersAsync(parameters, cancellationToken);
        var observations = new List<WorkspaceObservation>(containers.Count);
        var sidecars = containers.Where(c => Compose.ComposeLabels.IsSidecar(c.Labels)).ToList();
        foreach (var container in containers.Where(c => !Compose.ComposeLabels.IsSidecar(c.Labels)))
        {
            if (Map(container) is { } observation)
            {
                observations.Add(ComposeFolding.Fold(observation, container, sidecars));
            }
            else
            {
                Log.UnreadableContainer(logger, container.ID);
            }
        }

        observations.AddRange(ComposeFolding.Orphans(sidecars, observations));

        observations.Sort((a, b) => string.CompareOrdinal(a.Key.ToString(), b.Key.ToString()));
        return observations;
    }

    internal static WorkspaceObservation? Map(ContainerListResponse container)
    {
        var labels = container.Labels;
        if (!WorkspaceLabels.IsOwned(labels)
            || !labels.TryGetValue(OwnershipLabels.Repository, out var repository)
            || !labels.TryGetValue(OwnershipLabels.Workspace, out var workspace))
        {
            return null;
        }

        var name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID;

        // A container still under its creating name never finished its create path (the process applying it was
        // killed): it matches no desired hash, so the planner replaces it, or removes it with its workspace.
        var incomplete = name.EndsWith(DockerNames.CreatingSuffix, StringComparison.Ordinal);
        var hash = incomplete ? WorkspaceLabels.IncompleteHash : labels.TryGetValue(OwnershipLabels.SpecHash, out var recorded) ? recorded : string.Empty;
        return new WorkspaceObservation(
            container.ID,
            name,
            new WorkspaceKey(repository, workspace),
            hash,
            MapState(container.State),
            labels.TryGetValue(OwnershipLabels.Commit, out var commit) ? commit : null,
            new DateTimeOffset(DateTime.SpecifyKind(container.Created, DateTimeKind.Utc)),
            labels.TryGetValue(OwnershipLabels.Spec, out var spec) ? ParseFields(spec) : null)
        {
            Ports = (container.Ports ?? [])
                .Where(p => p.PublicPort != 0)
                .OrderBy(p => p.PrivatePort)
                .ThenBy(p => p.IP, StringComparer.Ordinal)
                .Select(p => $"{p.IP}:{p.PublicPort}->{p.PrivatePort}/{p.Type}")
                .ToList(),
            HostPorts = labels.TryGetValue(Core.Access.HostPortLabel.Key, out var hostPorts) ? Core.Access.HostPortLabel.Parse(hostPorts) : new Dictionary<string, int>(),
        };
    }

    internal static ObservedState MapState(string? state) => state switch
    {
        "running" => ObservedState.Running,
        "created" or "exited" or "paused" => ObservedState.Stopped,
        _ => ObservedState.Transitioning,
    };

    private static Dictionary<string, string>? ParseFields(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
