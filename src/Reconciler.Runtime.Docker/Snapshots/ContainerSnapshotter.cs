using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// Takes the snapshot of a <c>persistence: snapshot</c> container before it is stopped for good, recreated or removed:
/// commit, push, then prune the workspace's snapshots to <see cref="SnapshotRegistryOptions.Retain"/>. Callers remove a
/// container only after this returned, so a registry that is down fails the step and keeps the container.
/// </summary>
internal sealed class ContainerSnapshotter(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    /// <summary>The pushed snapshot, or null when the container is gone or its workspace does not keep snapshots.</summary>
    public async Task<string?> SnapshotIfWantedAsync(string containerId, WorkspaceKey key, DesiredWorkspace? desired, CancellationToken cancellationToken)
    {
        ContainerInspectResponse container;
        try
        {
            container = await client.Containers.InspectContainerAsync(containerId, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var labels = container.Config?.Labels ?? new Dictionary<string, string>();
        var wanted = desired?.Spec.Persistence == WorkspacePersistence.Snapshot
                     || (labels.TryGetValue(SnapshotLabels.Persistence, out var persistence) && persistence == SnapshotLabels.SnapshotValue);
        if (!wanted || !WorkspaceLabels.IsOwned(labels, key))
        {
            return null;
        }

        var registry = Require(options, key);
        // The base the container was made from: recorded at create; a container made before persistence was switched on ran its base itself.
        var baseImage = labels.TryGetValue(SnapshotLabels.Base, out var recorded) && recorded.Length > 0 ? recorded : container.Config?.Image ?? desired?.Image ?? "";
        var path = registry.SnapshotPath(key);
        var repository = $"{registry.Host}/{path}";
        var tag = SnapshotTag.For(options.TimeProvider.GetUtcNow(), baseImage);
        var committer = new ImageCommitter(client, mutations, registry, logger);
        await committer.CommitAndPushAsync(container, key, repository, tag, "SnapshotFailed", cancellationToken);
        await PruneAsync(registry, path, repository, key, committer, cancellationToken);
        return $"{repository}:{tag}";
    }

    public static SnapshotRegistryOptions Require(DockerRuntimeOptions options, WorkspaceKey key)
        => options.Snapshots ?? throw new StepFailedException(
            "SnapshotRegistryMissing",
            $"{key} has persistence: snapshot, but the worker configuration has no snapshots: registry (see docs/configuration.md); the container is kept");

    /// <summary>Deletes all but the newest snapshots from the registry (by digest) and from this engine. Failures are logged: the new snapshot is safe.</summary>
    private async Task PruneAsync(SnapshotRegistryOptions registry, string path, string repository, WorkspaceKey key, ImageCommitter committer, CancellationToken cancellationToken)
    {
        try
        {
            var api = new RegistryApi(registry);
            foreach (var old in SnapshotTag.NewestFirst(await api.TagsAsync(path, cancellationToken)).Skip(registry.Retain))
            {
                if (await api.DigestAsync(path, old, cancellationToken) is { } digest)
                {
                    await api.DeleteAsync(path, digest, cancellationToken);
                }

                await committer.RemoveLocalAsync($"{repository}:{old}");
                SnapshotLog.Pruned(logger, $"{repository}:{old}", registry.Retain);
            }
        }
        catch (StepFailedException e)
        {
            SnapshotLog.PruneFailed(logger, key.ToString(), e.Message);
        }
    }
}
