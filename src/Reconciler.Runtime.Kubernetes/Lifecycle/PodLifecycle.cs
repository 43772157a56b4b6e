using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Kubernetes.Api;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes.Lifecycle;

/// <summary>
/// Runs a ready Pod's lifecycle commands once, recording each on the objects whose life they follow, so that a later
/// pass (or another replica) neither runs them again nor needs to ask:
/// <list type="bullet">
/// <item><c>postCreateCommand</c> once per claim generation: a <c>k8s_stateful</c> workspace's claim gets
/// <see cref="PostCreateAnnotation"/> when it succeeded there, so a restart (a new Pod on the same claim) skips it and a new
/// claim runs it again. A <c>k8s_pod</c> workspace's data is an emptyDir that lives as long as its Pod: once per Pod.</item>
/// <item><c>postStartCommand</c> on every start: once per Pod (replicas 0 → 1 makes a new Pod).</item>
/// </list>
/// The Pod carries both marks (<c>Succeeded</c>, <c>NotDeclared</c> or <c>Failed: …</c>): a Pod whose marks are set costs no
/// call. A failure is recorded and reported on every pass while that Pod lives, not retried in a loop; a new Pod retries.
/// Marks are written by server-side apply with field manager <see cref="FieldManager"/>, which the workload's own apply
/// never touches.
/// </summary>
internal sealed class PodLifecycle(IKubernetes client, ApiCallCounter calls, ILogger logger)
{
    public const string FieldManager = "reconciler-lifecycle";
    public const string PostCreateAnnotation = "dev.reconciler.post-create";
    public const string PostStartAnnotation = "dev.reconciler.post-start";
    public const string FailedReason = "LifecycleCommandFailed";
    private const string Succeeded = "Succeeded";
    private const string NotDeclared = "NotDeclared";
    private const string FailedPrefix = "Failed: ";

    /// <summary>True when the Pod still has a lifecycle step to run.</summary>
    public static bool HasWork(V1Pod pod, DesiredWorkspace desired)
        => (desired.Commands.PostCreate is not null && Mark(pod, PostCreateAnnotation) is null)
           || (desired.Commands.PostStart is not null && Mark(pod, PostStartAnnotation) is null);

    /// <summary>The failure recorded on the Pod, if any (read-only: what a follower reports).</summary>
    public static ApplyResult? RecordedFailure(V1Pod pod)
    {
        foreach (var (annotation, command) in new[] { (PostCreateAnnotation, "postCreateCommand"), (PostStartAnnotation, "postStartCommand") })
        {
            if (Mark(pod, annotation) is { } mark && mark.StartsWith(FailedPrefix, StringComparison.Ordinal))
            {
                return ApplyResult.Fail(FailedReason, $"{command} failed in Pod {pod.Metadata.Name}: {mark[FailedPrefix.Length..]}");
            }
        }

        return null;
    }

    /// <summary>Runs what the Pod's marks say is left; returns the failure (recorded or new), null when all succeeded.</summary>
    public async Task<ApplyResult?> RunAsync(V1Pod pod, DesiredWorkspace desired, CancellationToken cancellationToken)
    {
        if (RecordedFailure(pod) is { } recorded)
        {
            return recorded;
        }

        var ns = pod.Metadata.NamespaceProperty;
        var marks = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Mark(pod, PostCreateAnnotation) is null)
        {
            marks[PostCreateAnnotation] = await PostCreateAsync(pod, desired.Commands.PostCreate, cancellationToken);
        }

        if (Mark(pod, PostStartAnnotation) is null && !marks.GetValueOrDefault(PostCreateAnnotation, "").StartsWith(FailedPrefix, StringComparison.Ordinal))
        {
            marks[PostStartAnnotation] = desired.Commands.PostStart is { } postStart ? await RunCommandAsync(pod, "postStartCommand", postStart, cancellationToken) : NotDeclared;
        }

        foreach (var (key, value) in pod.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (key is PostCreateAnnotation or PostStartAnnotation)
            {
                marks.TryAdd(key, value);
            }
        }

        await AnnotateAsync("Pod", ns, pod.Metadata.Name, marks, cancellationToken);
        var updated = new V1Pod { Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, Annotations = marks } };
        return RecordedFailure(updated);
    }

    private async Task<string> PostCreateAsync(V1Pod pod, LifecycleCommand? command, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return NotDeclared;
        }

        var claimName = pod.Spec?.Volumes?.FirstOrDefault(v => v.Name == VolumeRenderer.WorkspaceVolume)?.PersistentVolumeClaim?.ClaimName;
        var ns = pod.Metadata.NamespaceProperty;
        if (claimName is not null)
        {
            calls.Read();
            var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claimName, ns, cancellationToken: cancellationToken);
            if (claim.Metadata.Annotations?.TryGetValue(PostCreateAnnotation, out var done) == true && done == claim.Metadata.Uid)
            {
                Log.LifecycleSkipped(logger, "postCreateCommand", ns, pod.Metadata.Name, claimName);
                return Succeeded;
            }

            var outcome = await RunCommandAsync(pod, "postCreateCommand", command, cancellationToken);
            if (outcome == Succeeded)
            {
                // The claim's uid: a claim deleted and created again under the same name is a new generation.
                await AnnotateAsync("PersistentVolumeClaim", ns, claimName, new Dictionary<string, string> { [PostCreateAnnotation] = claim.Metadata.Uid ?? Succeeded }, cancellationToken);
            }

            return outcome;
        }

        return await RunCommandAsync(pod, "postCreateCommand", command, cancellationToken);
    }

    /// <summary>A shell or exec command runs as is; a parallel (object) command runs its entries one after another, by name.</summary>
    private async Task<string> RunCommandAsync(V1Pod pod, string what, LifecycleCommand command, CancellationToken cancellationToken)
    {
        IEnumerable<LifecycleCommand> steps = command.Form == LifecycleCommandForm.Parallel
            ? command.Parallel!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)
            : [command];
        foreach (var step in steps)
        {
            var argv = step.ToArgv();
            var outcome = await new PodExec(client, calls).RunAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, argv, cancellationToken);
            Log.LifecycleRan(logger, what, pod.Metadata.NamespaceProperty, pod.Metadata.Name, outcome.ExitCode);
            if (!outcome.Succeeded)
            {
                var why = outcome.Error ?? $"exit code {outcome.ExitCode}";
                var tail = outcome.OutputTail.Length > 500 ? outcome.OutputTail[^500..] : outcome.OutputTail;
                return $"{FailedPrefix}{why}{(tail.Length > 0 ? "\n" + tail : "")}";
            }
        }

        return Succeeded;
    }

    private async Task AnnotateAsync(string kind, string ns, string name, IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            apiVersion = "v1",
            kind,
            metadata = new { name, @namespace = ns, annotations },
        });
        var patch = new V1Patch(body, V1Patch.PatchType.ApplyPatch);
        calls.Write();
        try
        {
            if (kind == "Pod")
            {
                await client.CoreV1.PatchNamespacedPodAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
            }
            else
            {
                await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
            }
        }
        catch (HttpOperationException e)
        {
            // Not recorded: the next pass runs the command again, which is what "once" cannot promise without a record.
            Log.LifecycleUnrecorded(logger, kind, ns, name, (int)e.Response.StatusCode);
        }
    }

    private static string? Mark(V1Pod pod, string annotation)
        => pod.Metadata.Annotations?.TryGetValue(annotation, out var value) == true ? value : null;
}
