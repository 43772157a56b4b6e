using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Access;
using Reconciler.Runtime.Docker.Containers;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Lifecycle;
using Reconciler.Runtime.Docker.Observation;
using Reconciler.Runtime.Docker.Volumes;

namespace Reconciler.Runtime.Docker;

/// <summary>
/// Runs workspaces as containers on one Docker engine. Only containers and volumes carrying
/// <see cref="OwnershipLabels.ManagedBy"/> = <see cref="OwnershipLabels.ManagedByValue"/> are ever listed
/// or changed. <see cref="ApplyAsync"/> never throws except for cancellation: engine errors become
/// <see cref="ApplyResult.Fail"/>.
/// </summary>
public sealed class DockerWorkspaceRuntime : IWorkspaceRuntime, IDisposable
{
    private readonly IDockerClient _client;
    private readonly bool _ownsClient;
    private readonly DockerRuntimeOptions _options;
    private readonly ILogger<DockerWorkspaceRuntime> _logger;
    private readonly MutationCounter _mutations = new();
    private readonly SemaphoreSlim _portGate = new(1, 1);

    /// <param name="endpoint">Engine endpoint, e.g. <c>unix:///var/run/docker.sock</c>.</param>
    public DockerWorkspaceRuntime(string endpoint, DockerRuntimeOptions options, ILogger<DockerWorkspaceRuntime> logger)
        : this(new DockerClientConfiguration(new Uri(endpoint)).CreateClient(), options, logger, ownsClient: true)
    {
    }

    /// <summary>Uses a client the caller owns (it is not disposed with the runtime).</summary>
    public DockerWorkspaceRuntime(DockerClient client, DockerRuntimeOptions options, ILogger<DockerWorkspaceRuntime> logger)
        : this(client, options, logger, ownsClient: false)
    {
    }

    private DockerWorkspaceRuntime(IDockerClient client, DockerRuntimeOptions options, ILogger<DockerWorkspaceRuntime> logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _options = options;
        _logger = logger;
        _ownsClient = ownsClient;
    }

    /// <summary>Number of engine calls that changed state (create/start/stop/remove, exec, volume, pull, build, archive upload) made by this runtime.</summary>
    public long MutatingCalls => _mutations.Value;

    /// <summary>Image builds run by the Features step (one per Feature layer not found in the cache, plus the labelled image).</summary>
    public long FeatureBuilds => _mutations.FeatureBuilds;

    /// <summary>Which running workspaces are in use (exec sessions, CPU), for idle timeouts.</summary>
    public IActivityProbe Activity => new Activity.DockerActivityProbe(_client, _options, _logger);

    public Task<IReadOnlyList<WorkspaceObservation>> ObserveAsync(string? repository, CancellationToken cancellationToken)
        => new ObservationReader(_client, _logger).ReadAsync(repository, cancellationToken);

    /// <summary>Every managed container on this engine that holds GPUs, of every repository (one list call).</summary>
    public Task<IReadOnlyList<Core.Gpu.Placement.GpuHolder>> ObserveGpuHoldersAsync(CancellationToken cancellationToken)
        => new Gpus.GpuHolderReader(_client).ReadAsync(_options.HostName, cancellationToken);

    /// <summary>Reads this host's GPUs with nvidia-smi in a short-lived container of <paramref name="image"/> (see docs/gpu.md).</summary>
    public Task<Core.Diagnostics.ParseResult<Core.Gpu.Inventory.GpuInventory>> ReadGpuInventoryAsync(string image, CancellationToken cancellationToken)
        => new Gpus.GpuInventoryProbe(_client, _mutations).ReadAsync(_options.HostName, image, cancellationToken);

    /// <summary>
    /// Removes the container of one workspace (never its volumes), so the next pass creates it again: used when a
    /// generated secret changed, which no spec hash sees. False when it has no container here.
    /// </summary>
    public async Task<bool> RemoveContainerAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var observed = (await ObserveAsync(key.Repository, cancellationToken)).FirstOrDefault(o => o.Key == key);
        if (observed is null)
        {
            return false;
        }

        await Snapshotter().SnapshotIfWantedAsync(observed.Id, key, null, cancellationToken);
        await new ContainerOperations(_client, _mutations, _options, _logger).RemoveAsync(observed.Id, key, cancellationToken);
        return true;
    }

    /// <summary>
    /// Commits the container of <paramref name="key"/> (running: paused for the commit; or stopped) and pushes it as
    /// <paramref name="reference"/> (<c>registry/path:tag</c>). Null when this engine has no container of the workspace;
    /// a failed commit or push is <c>PublishFailed</c>. The container is never changed.
    /// </summary>
    public async Task<ApplyResult?> PublishAsync(WorkspaceKey key, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var observed = (await ObserveAsync(key.Repository, cancellationToken)).FirstOrDefault(o => o.Key == key);
        if (observed is null)
        {
            return null;
        }

        try
        {
            var container = await _client.Containers.InspectContainerAsync(observed.Id, cancellationToken);
            var (repository, tag) = Images.ImageReference.ForPull(reference);
            await new Snapshots.ImageCommitter(_client, _mutations, _options.Snapshots, _logger).CommitAndPushAsync(container, key, repository, tag, "PublishFailed", cancellationToken);
            return ApplyResult.Ok;
        }
        catch (StepFailedException e)
        {
            return ApplyResult.Fail(e.Reason, e.Message);
        }
        catch (DockerApiException e)
        {
            return ApplyResult.Fail("PublishFailed", $"publishing {key} failed: {DockerErrors.Message(e)}");
        }
    }

    /// <summary>The repository <c>reconciler publish --tag</c> pushes to: the workspace's snapshot repository; null without <c>snapshots:</c>.</summary>
    public string? PublishRepository(WorkspaceKey key)
        => _options.Snapshots is { } registry ? $"{registry.Host}/{registry.SnapshotPath(key)}" : null;

    public async Task<ApplyResult> ApplyAsync(PlanAction action, ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(context);
        if (action.Kind is PlanActionKind.NoOp or PlanActionKind.Blocked or PlanActionKind.Pending)
        {
            return ApplyResult.Ok;
        }

        Log.Applying(_logger, action.Kind.ToString(), action.Key.ToString());
        try
        {
            await ApplyCoreAsync(action, context, cancellationToken);
            return ApplyResult.Ok;
        }
        catch (StepFailedException e) when (e.Reason == "ContainerStartFailed" && action.Desired?.Gpu?.Assignment is not null && Gpus.NvidiaRuntime.IsUnavailable(e.Message))
        {
            return Failed(action, ApplyResult.Fail(Gpus.NvidiaRuntime.UnavailableReason, Gpus.NvidiaRuntime.Explain(e.Message, _options.HostName)));
        }
        catch (StepFailedException e)
        {
            return Failed(action, ApplyResult.Fail(e.Reason, e.Message, e.ExitCode, e.OutputTail));
        }
        catch (DockerApiException e)
        {
            return Failed(action, ApplyResult.Fail("DockerError", $"{action.Kind} of {action.Key} failed: {DockerErrors.Message(e)}"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failed(action, ApplyResult.Fail("DockerUnavailable", $"{action.Kind} of {action.Key} failed: {e.Message}"));
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        _portGate.Dispose();
    }

    private async Task ApplyCoreAsync(PlanAction action, ApplyContext context, CancellationToken cancellationToken)
    {
        var containers = new ContainerOperations(_client, _mutations, _options, _logger);
        switch (action.Kind)
        {
            case PlanActionKind.Create or PlanActionKind.Recreate when action.Desired?.Compose is not null:
                await Compose().ConvergeAsync(action.Desired!, action.Observed, context.Repository, context.Output, cancellationToken);
                break;
            case PlanActionKind.Create:
                await Creator().CreateAsync(RequireDesired(action), context.Repository, new Dictionary<string, int>(), context.Output, cancellationToken);
                break;
            case PlanActionKind.Recreate:
                var desired = RequireDesired(action);
                if (action.Observed is { } old)
                {
                    await Uploader().UploadAsync(old.Id, cancellationToken);
                    await Snapshotter().SnapshotIfWantedAsync(old.Id, action.Key, desired, cancellationToken);
                    await containers.RemoveAsync(old.Id, action.Key, cancellationToken);
                }

                await Creator().CreateAsync(desired, context.Repository, action.Observed?.HostPorts ?? new Dictionary<string, int>(), context.Output, cancellationToken);
                break;
            case PlanActionKind.Start:
                var observed = RequireObserved(action);
                var startKeys = action.Desired is { Spec.Access.Ssh: true } withSsh ? await SshServerStarter.AuthorizedKeysAsync(withSsh, _options, cancellationToken) : null;
                if (IsCompose(action))
                {
                    await Compose().StartSidecarsAsync(action.Key, action.Desired?.Compose?.StartOrder, cancellationToken);
                }

                await containers.StartAsync(observed.Id, action.Key, cancellationToken);
                if (action.Desired is { } target)
                {
                    if (startKeys is not null)
                    {
                        // sshd does not outlive a stop: start it again (the host key is still in the workspace folder).
                        await new SshServerStarter(_client, _mutations, _options, _logger).StartAsync(observed.Id, observed.Name, target, startKeys, cancellationToken);
                    }

                    var withImageCommands = await new Features.StartMetadata(_client).WithImageCommandsAsync(observed.Id, target, cancellationToken);
                    await new LifecycleCommandRunner(_client, _mutations, _options, _logger)
                        .RunStartCommandsAsync(observed.Id, observed.Name, withImageCommands, cancellationToken);
                }

                break;
            case PlanActionKind.Stop:
                await containers.StopAsync(RequireObserved(action).Id, action.Key, cancellationToken);
                if (IsCompose(action) && action.Desired?.Compose?.ShutdownAction != "none")
                {
                    await Compose().StopSidecarsAsync(action.Key, action.Desired?.Compose?.StartOrder, cancellationToken);
                }

                // After the stop, so the files are final; a failed upload is reported (the container stays stopped).
                await Uploader().UploadAsync(RequireObserved(action).Id, cancellationToken);
                // A failed snapshot is reported; the stopped container keeps its files and is committed again before removal.
                await Snapshotter().SnapshotIfWantedAsync(RequireObserved(action).Id, action.Key, action.Desired, cancellationToken);
                break;
            case PlanActionKind.Remove:
                if (action.Observed is { } existing)
                {
                    // A failed upload keeps the container (and its files) for the next pass.
                    await Uploader().UploadAsync(existing.Id, cancellationToken);
                    // Commit and push first: a registry that is down fails the removal and keeps the container.
                    await Snapshotter().SnapshotIfWantedAsync(existing.Id, action.Key, action.Desired, cancellationToken);
                    await containers.RemoveAsync(existing.Id, action.Key, cancellationToken);
                }

                if (IsCompose(action))
                {
                    await Compose().RemoveSidecarsAsync(action.Key, cancellationToken);
                }

                if (context.PruneVolumes || action.DeleteVolumes)
                {
                    await new VolumePruner(_client, _mutations, _logger).PruneAsync(action.Key, cancellationToken);
                }

                break;
            default:
                throw new StepFailedException("UnknownAction", $"action {action.Kind} is not supported by the Docker runtime");
        }
    }

    private WorkspaceCreator Creator() => new(_client, _mutations, _options, _portGate, _logger);

    private Compose.ComposeConverger Compose() => new(_client, _mutations, _options, _portGate, _logger);

    /// <summary>A compose workspace: desired as one, or observed with the compose fields recorded on its container.</summary>
    private static bool IsCompose(PlanAction action)
        => action.Desired?.Compose is not null || action.Observed?.Fields?.ContainsKey("compose.service") == true || action.Observed?.Compose == true;

    private Storage.S3VolumeUploader Uploader() => new(_client, _options, _logger);

    private Snapshots.ContainerSnapshotter Snapshotter() => new(_client, _mutations, _options, _logger);

    private static DesiredWorkspace RequireDesired(PlanAction action)
        => action.Desired ?? throw new StepFailedException("InvalidAction", $"{action.Kind} of {action.Key} has no desired workspace");

    private static WorkspaceObservation RequireObserved(PlanAction action)
        => action.Observed ?? throw new StepFailedException("InvalidAction", $"{action.Kind} of {action.Key} has no observed container");

    private ApplyResult Failed(PlanAction action, ApplyResult result)
    {
        result = result with
        {
            Message = Storage.StorageSecretRedactor.Redact(result.Message, _options.StorageCredentials),
            OutputTail = Storage.StorageSecretRedactor.Redact(result.OutputTail, _options.StorageCredentials),
        };
        Log.ApplyFailed(_logger, action.Kind.ToString(), action.Key.ToString(), result.Reason!, result.Message!);
        return result;
    }
}
