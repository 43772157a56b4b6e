using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Kubernetes.Api;
using Reconciler.Runtime.Kubernetes.Lifecycle;
using Reconciler.Runtime.Kubernetes.Observation;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes;

/// <summary>
/// Runs <c>k8s_pod</c> and <c>k8s_stateful</c> workspaces on one cluster. Create, recreate, start and stop are all one
/// server-side apply of the rendered objects (the replica count carries the power state); remove deletes the
/// workspace's objects, and its claims only when volumes are pruned. Only objects carrying
/// <see cref="OwnershipLabels.ManagedBy"/> = <see cref="OwnershipLabels.ManagedByValue"/> are listed or deleted.
/// <see cref="ApplyAsync"/> never throws except for cancellation: API errors become <see cref="ApplyResult.Fail"/>.
/// </summary>
public sealed class KubernetesWorkspaceRuntime : IWorkspaceRuntime, ISettlingRuntime, IDisposable
{
    private readonly IKubernetes _client;
    private readonly bool _ownsClient;
    private readonly KubernetesRuntimeOptions _options;
    private readonly ILogger<KubernetesWorkspaceRuntime> _logger;
    private readonly ApiCallCounter _calls = new();

    /// <summary>A client for <paramref name="configuration"/> (kubeconfig context or in-cluster), owned by the runtime.</summary>
    public KubernetesWorkspaceRuntime(KubernetesClientConfiguration configuration, KubernetesRuntimeOptions options, ILogger<KubernetesWorkspaceRuntime> logger)
        : this(new k8s.Kubernetes(configuration), options, logger, ownsClient: true)
    {
    }

    private KubernetesWorkspaceRuntime(IKubernetes client, KubernetesRuntimeOptions options, ILogger<KubernetesWorkspaceRuntime> logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _options = options;
        _logger = logger;
        _ownsClient = ownsClient;
    }

    /// <summary>API calls that read (get, list) made by this runtime.</summary>
    public long ReadCalls => _calls.Reads;

    /// <summary>API calls that write (apply, delete) made by this runtime.</summary>
    public long WriteCalls => _calls.Writes;

    public Task<IReadOnlyList<WorkspaceObservation>> ObserveAsync(string? repository, CancellationToken cancellationToken)
        => new WorkloadObserver(_client, _calls, _logger).ReadAsync(repository, cancellationToken);

    /// <summary>Readiness of every managed workspace's Pod (one Pod list call), for workspace conditions.</summary>
    public async Task<IReadOnlyList<WorkspaceReadiness>> ReadinessAsync(string? repository, CancellationToken cancellationToken)
    {
        _calls.Read();
        var pods = await _client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: KubernetesLabels.SelectorText(repository), cancellationToken: cancellationToken);
        return [.. pods.Items
            .Where(p => p.Metadata.Annotations?.ContainsKey(OwnershipLabels.Repository) == true || p.Metadata.Labels?.ContainsKey(OwnershipLabels.Workspace) == true)
            .Select(p => PodReadiness.Evaluate(PodKey(p), p))];
    }

    /// <summary>
    /// One Pod list for the repository: each running workspace's Pod of the current spec is ready, or the reason it is
    /// not (<see cref="PodReadiness"/>); with <paramref name="mayChange"/> a ready Pod runs its lifecycle commands
    /// (<see cref="PodLifecycle"/>). A Pod whose lifecycle marks are set costs no further call.
    /// </summary>
    public async Task<IReadOnlyList<WorkspaceSettlement>> SettleAsync(
        string repository, IReadOnlyList<DesiredWorkspace> running, bool mayChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        if (running.Count == 0)
        {
            return [];
        }

        _calls.Read();
        var pods = await _client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: KubernetesLabels.SelectorText(repository), cancellationToken: cancellationToken);
        var byKey = pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).ToLookup(PodKey);
        var lifecycle = new PodLifecycle(_client, _calls, _logger);
        var settled = new List<WorkspaceSettlement>();
        foreach (var desired in running)
        {
            var pod = byKey[desired.Key]
                .Where(p => p.Metadata.Labels is { } labels && labels.TryGetValue(OwnershipLabels.SpecHash, out var hash) && hash == desired.SpecHash)
                .OrderByDescending(p => p.Metadata.CreationTimestamp)
                .FirstOrDefault();
            if (pod is null)
            {
                settled.Add(new WorkspaceSettlement(desired.Key, false, "NoPod", "no Pod of the current spec yet: the workload controller creates it"));
                continue;
            }

            var readiness = PodReadiness.Evaluate(desired.Key, pod);
            if (!readiness.Ready)
            {
                settled.Add(new WorkspaceSettlement(desired.Key, false, readiness.Reason ?? "NotReady", readiness.Message));
                continue;
            }

            var failure = mayChange && PodLifecycle.HasWork(pod, desired)
                ? await lifecycle.RunAsync(pod, desired, cancellationToken)
                : PodLifecycle.RecordedFailure(pod);
            settled.Add(failure is null
                ? new WorkspaceSettlement(desired.Key, true, "PodReady", $"Pod {pod.Metadata.Name} is ready")
                : new WorkspaceSettlement(desired.Key, false, PodLifecycle.FailedReason, failure.Message, failure));
        }

        return settled;
    }

    public async Task<ApplyResult> ApplyAsync(PlanAction action, ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(context);
        if (action.Kind is PlanActionKind.NoOp or PlanActionKind.Blocked)
        {
            return ApplyResult.Ok;
        }

        Log.Applying(_logger, action.Kind.ToString(), action.Key.ToString());
        try
        {
            return action.Kind switch
            {
                PlanActionKind.Create or PlanActionKind.Recreate or PlanActionKind.Start or PlanActionKind.Stop => await ConvergeAsync(action, cancellationToken),
                PlanActionKind.Remove => await RemoveAsync(action, context.PruneVolumes, cancellationToken),
                _ => Failed(action, ApplyResult.Fail("UnknownAction", $"action {action.Kind} is not supported by the Kubernetes runtime")),
            };
        }
        catch (HttpOperationException e)
        {
            var reason = e.Response.StatusCode == HttpStatusCode.Conflict ? "Conflict" : "KubernetesError";
            return Failed(action, ApplyResult.Fail(reason, $"{action.Kind} of {action.Key} failed: {(int)e.Response.StatusCode} {ApiMessage(e)}"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failed(action, ApplyResult.Fail("KubernetesUnavailable", $"{action.Kind} of {action.Key} failed: {e.Message}"));
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<ApplyResult> ConvergeAsync(PlanAction action, CancellationToken cancellationToken)
    {
        if (action.Desired is not { } desired)
        {
            return Failed(action, ApplyResult.Fail("InvalidAction", $"{action.Kind} of {action.Key} has no desired workspace"));
        }

        var rendered = WorkspaceRenderer.Render(desired, _options.Render);
        if (rendered.Problems.Count > 0)
        {
            return Failed(action, ApplyResult.Fail("NotSupportedOnKubernetes", string.Join("; ", rendered.Problems)));
        }

        var apply = new ServerSideApply(_client, _options, _calls, _logger);
        if (_options.CreateNamespaces)
        {
            await apply.ApplyAsync(rendered.NamespaceObject, cancellationToken);
        }

        // k8s_pod ↔ k8s_stateful: the old workload is a different kind with the same name.
        if (action.Observed is { } old && WorkloadObserver.ParseId(old.Id) is var (oldNs, oldKind, oldName)
            && (oldKind != rendered.Workload.Kind || oldNs != rendered.Namespace))
        {
            await DeleteAsync(oldKind, oldNs, oldName, cancellationToken);
        }

        foreach (var item in rendered.NamespacedObjects())
        {
            await apply.ApplyAsync(item, cancellationToken);
        }

        if (action.Kind == PlanActionKind.Recreate)
        {
            // Objects an earlier spec rendered and this one does not (ports removed, exposure changed).
            var ns = rendered.Namespace;
            if (rendered.Service is null)
            {
                await DeleteAsync("Service", ns, rendered.Name, cancellationToken);
            }

            if (rendered.PublicService is null)
            {
                await DeleteAsync("Service", ns, KubernetesNames.PublicService(desired.Key), cancellationToken);
            }

            if (rendered.Ingress is null)
            {
                await DeleteAsync("Ingress", ns, rendered.Name, cancellationToken);
            }
        }

        return ApplyResult.Ok;
    }

    private async Task<ApplyResult> RemoveAsync(PlanAction action, bool pruneVolumes, CancellationToken cancellationToken)
    {
        if (action.Observed is not { } observed)
        {
            return ApplyResult.Ok;
        }

        var (ns, kind, name) = WorkloadObserver.ParseId(observed.Id);
        await DeleteAsync(kind, ns, name, cancellationToken);
        await DeleteAsync("Service", ns, name, cancellationToken);
        await DeleteAsync("Service", ns, KubernetesNames.PublicService(action.Key), cancellationToken);
        await DeleteAsync("Ingress", ns, name, cancellationToken);
        if (pruneVolumes)
        {
            var selector = string.Join(",", KubernetesLabels.Selector(action.Key).Select(l => $"{l.Key}={l.Value}"));
            _calls.Read();
            var claims = await _client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
            foreach (var claim in claims.Items)
            {
                _calls.Write();
                await _client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(claim.Metadata.Name, ns, cancellationToken: cancellationToken);
                Log.Deleted(_logger, "PersistentVolumeClaim", ns, claim.Metadata.Name);
            }
        }

        return ApplyResult.Ok;
    }

    private async Task DeleteAsync(string kind, string ns, string name, CancellationToken cancellationToken)
    {
        if (await new ObjectReader(_client, _calls).DeleteOwnedAsync(kind, ns, name, cancellationToken))
        {
            Log.Deleted(_logger, kind, ns, name);
        }
    }

    private static WorkspaceKey PodKey(V1Pod pod)
    {
        var annotations = pod.Metadata.Annotations;
        var labels = pod.Metadata.Labels;
        return new WorkspaceKey(
            annotations?.TryGetValue(OwnershipLabels.Repository, out var repository) == true ? repository : "",
            annotations?.TryGetValue(OwnershipLabels.Workspace, out var workspace) == true ? workspace
            : labels?.TryGetValue(OwnershipLabels.Workspace, out var slug) == true ? slug : pod.Metadata.Name);
    }

    private static string ApiMessage(HttpOperationException e)
    {
        var body = e.Response.Content;
        return string.IsNullOrWhiteSpace(body) ? e.Message : body.Length > 500 ? body[..500] : body;
    }

    private ApplyResult Failed(PlanAction action, ApplyResult result)
    {
        Log.ApplyFailed(_logger, action.Kind.ToString(), action.Key.ToString(), result.Reason!, result.Message!);
        return result;
    }
}
