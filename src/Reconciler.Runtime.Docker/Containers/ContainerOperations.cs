using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Containers;

/// <summary>
/// Start, stop and remove of one workspace container. Each first re-reads the container and refuses
/// to touch one that does not carry this workspace's ownership labels.
/// </summary>
internal sealed class ContainerOperations(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    public async Task StartAsync(string id, WorkspaceKey key, CancellationToken cancellationToken)
    {
        await RequireOwnedAsync(id, key, cancellationToken);
        mutations.Add();
        await Guard("ContainerStartFailed", "started", id, () => client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken));
    }

    public async Task StopAsync(string id, WorkspaceKey key, CancellationToken cancellationToken)
    {
        await RequireOwnedAsync(id, key, cancellationToken);
        var seconds = (uint)Math.Max(0, Math.Ceiling(options.StopTimeout.TotalSeconds));
        mutations.Add();
        await Guard("ContainerStopFailed", "stopped", id, () => client.Containers.StopContainerAsync(
            id, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, cancellationToken));
    }

    /// <summary>Removes the container (never its volumes); a container that is already gone is fine.</summary>
    public async Task RemoveAsync(string id, WorkspaceKey key, CancellationToken cancellationToken)
    {
        if (!await IsOwnedOrGoneAsync(id, key, cancellationToken))
        {
            Log.NotOwned(logger, id, key.ToString());
            throw new StepFailedException("NotOwned", $"container {id} does not carry the ownership labels of {key}; not touched");
        }

        try
        {
            mutations.Add();
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = false }, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException("ContainerRemoveFailed", $"container {id} could not be removed: {DockerErrors.Message(e)}");
        }
    }

    /// <summary>
    /// Gives the container <paramref name="name"/>. A holder of that name that belongs to the same workspace (left by
    /// an interrupted apply or a concurrent one) is removed first; any other holder is an error.
    /// </summary>
    public async Task RenameAsync(string id, string name, WorkspaceKey key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                mutations.Add();
                await client.Containers.RenameContainerAsync(id, new ContainerRenameParameters { NewName = name }, cancellationToken);
                return;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt == 0)
            {
                if (!await IsOwnedOrGoneAsync(name, key, cancellationToken))
                {
                    throw new StepFailedException("NameConflict", $"a container named {name} exists and is not managed by Reconciler for {key}");
                }

                Log.RemovingLeftover(logger, name);
                await RemoveAsync(name, key, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new StepFailedException("ContainerRenameFailed", $"container {id} could not be renamed to {name}: {DockerErrors.Message(e)}");
            }
        }
    }

    /// <summary>True when the container is ours (labels match <paramref name="key"/>) or does not exist.</summary>
    public async Task<bool> IsOwnedOrGoneAsync(string id, WorkspaceKey key, CancellationToken cancellationToken)
    {
        try
        {
            var container = await client.Containers.InspectContainerAsync(id, cancellationToken);
            return WorkspaceLabels.IsOwned(container.Config?.Labels, key);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
    }

    private async Task RequireOwnedAsync(string id, WorkspaceKey key, CancellationToken cancellationToken)
    {
        ContainerInspectResponse container;
        try
        {
            container = await client.Containers.InspectContainerAsync(id, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StepFailedException("ContainerNotFound", $"container {id} of {key} no longer exists");
        }

        if (!WorkspaceLabels.IsOwned(container.Config?.Labels, key))
        {
            Log.NotOwned(logger, id, key.ToString());
            throw new StepFailedException("NotOwned", $"container {id} does not carry the ownership labels of {key}; not touched");
        }
    }

    private static async Task Guard(string reason, string verb, string id, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException(reason, $"container {id} could not be {verb}: {DockerErrors.Message(e)}");
        }
    }
}
