using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;
using Reconciler.Source.Git;
using Reconciler.Source.Git.Content;
using Reconciler.Worker.Repositories;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Reconciling;

/// <summary>
/// Reconciles one repository (key = repository identity), level-triggered: sync git, load and validate the files
/// at the head commit, observe the runtimes, plan, apply, and report state. Each step's failure carries its retry
/// policy: git or engine errors are Failed (backoff), success RequeueAfter(poll interval ±
/// 10 %) so that every repository is polled at its own interval; invalid files are recorded as Stalled and
/// re-checked at the poll interval (Waiting) for the commit that fixes them. One repository's failure never touches another.
/// </summary>
internal sealed class RepositoryReconciler(
    RepositoryRegistry repositories,
    RuntimeSet runtimes,
    PassReporter reporter,
    Power.PowerStep power,
    LoaderOptions loaderOptions,
    TimeProvider time,
    Func<double> jitter,
    Metrics.WorkerMetrics metrics,
    Gpus.GpuLedger gpus,
    Leadership.WorkerLeadership leadership,
    ILogger<RepositoryReconciler> logger,
    Access.Jumpserver.JumpserverStep? jumpserver = null) : IReconciler
{
    /// <summary>Poll intervals vary by up to this fraction either way, so repositories drift apart instead of polling in lock-step.</summary>
    public const double PollJitterFraction = 0.1;

    public async Task<ReconcileResult> ReconcileAsync(ReconcileKey key, CancellationToken cancellationToken)
    {
        if (repositories.Find(key.Repository) is not { } repository)
        {
            return ReconcileResult.Done;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Repository"] = repository.Identity });
        await repository.Gate.WaitAsync(cancellationToken);
        try
        {
            return await ReconcileLockedAsync(repository, cancellationToken);
        }
        finally
        {
            repository.Gate.Release();
        }
    }

    private async Task<ReconcileResult> ReconcileLockedAsync(TrackedRepository repository, CancellationToken cancellationToken)
    {
        var previous = await reporter.PreviousAsync(repository, cancellationToken);
        string? head;
        var syncStarted = time.GetTimestamp();
        try
        {
            head = (await repository.Source.SyncAsync(cancellationToken))[repository.Branch].Commit;
        }
        catch (Source.Git.Errors.GitSourceException e)
        {
            Log.SyncFailed(logger, e.Kind.ToString(), e.Message);
            await reporter.RepositoryErrorAsync(repository, previous, $"git {e.Kind}: {e.Message}", cancellationToken);
            return ReconcileResult.Failed(e, $"git {e.Kind}: {e.Message}");
        }
        finally
        {
            metrics.GitSynced(time.GetElapsedTime(syncStarted));
        }

        if (head is null)
        {
            var reason = $"branch {repository.Branch} does not exist on the remote; nothing is changed";
            Log.BranchMissing(logger, repository.Branch);
            await reporter.RepositoryErrorAsync(repository, previous, reason, cancellationToken);
            return ReconcileResult.Waiting(reason, NextPoll(repository));
        }

        using var commitScope = logger.BeginScope(new Dictionary<string, object> { ["Commit"] = head });
        using var content = repository.Source.OpenCommit(head);
        var pass = new Pass(repository, content, previous);
        var loaded = WorkspaceLoader.Load(content, loaderOptions with { WorkspaceFile = repository.Config.Path });
        if (loaded.HasErrors)
        {
            var diagnostics = string.Join('\n', loaded.Diagnostics.Where(d => d.IsError).Take(10));
            Log.Stalled(logger, loaded.Diagnostics.Count(d => d.IsError), diagnostics);
            await reporter.StalledAsync(pass, diagnostics, cancellationToken);

            // Recorded as Stalled (conditions, event, last error), but returned as Waiting: the loop never requeues a
            // Stalled key, and the fix arrives as a new commit that, without webhooks, only the next poll can see.
            // Waiting re-checks at the poll interval without growing the backoff.
            return ReconcileResult.Waiting("stalled: invalid workspace files at " + head[..12] + ":\n" + diagnostics, NextPoll(repository));
        }

        await reporter.PolicyFindingsAsync(pass, loaded.Violations, cancellationToken);
        return await ConvergeAsync(pass, loaded, cancellationToken);
    }

    private async Task<ReconcileResult> ConvergeAsync(Pass pass, LoadedRepository loaded, CancellationToken cancellationToken)
    {
        HostedObservations hosts;
        try
        {
            hosts = await runtimes.ObserveAsync(pass.Repository.Identity, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ObserveFailed(logger, e.Message);
            await reporter.RepositoryErrorAsync(pass.Repository, pass.Previous, "observing the runtime failed: " + e.Message, cancellationToken);
            return ReconcileResult.Failed(e, "observing the runtime failed: " + e.Message);
        }

        var desired = await power.ResolveAsync(pass.Repository.Identity, loaded.Workspaces, hosts, cancellationToken);
        Core.Gpu.Placement.GpuPassResult gpu;
        try
        {
            // GPUs: after the power state is decided (a stopped workspace releases its GPUs), before the plan.
            gpu = await gpus.AllocateAsync(pass.Repository.Identity, desired, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            gpus.Complete(pass.Repository.Identity, releasedGpus: false);
            Log.ObserveFailed(logger, e.Message);
            await reporter.RepositoryErrorAsync(pass.Repository, pass.Previous, "observing GPU holders failed: " + e.Message, cancellationToken);
            return ReconcileResult.Failed(e, "observing GPU holders failed: " + e.Message);
        }

        var plan = HostMoves.Plan(gpu.Workspaces, hosts, loaded.PruneVolumes, atAppliedCommit: pass.Previous?.LastAppliedCommit == pass.Commit);
        var context = new ApplyContext(pass.Content, loaded.PruneVolumes, reporter.OutputFor(pass));
        IReadOnlyList<ActionResult> results = [];
        var standby = !leadership.IsLeader;
        try
        {
            if (!standby)
            {
                results = await hosts.ExecuteAsync(plan, runtimes.Runtime, context, time, LogResult, cancellationToken);
            }
        }
        finally
        {
            gpus.Complete(pass.Repository.Identity, Gpus.GpuLedger.Released(results));
        }

        if (standby)
        {
            // A follower observes and plans but applies nothing; the leader's takeover enqueues every repository.
            Leadership.Log.Standby(logger, leadership.Identity, plan.Actions.Count(a => a.IsMutating));
            await reporter.StandbyAsync(pass, plan, leadership.Identity, hosts.HostFor, cancellationToken);
            return ReconcileResult.RequeueAfter(NextPoll(pass.Repository));
        }

        // Kubernetes workspaces come up after the apply: their Pods' readiness (and lifecycle commands) go into the status.
        var settled = await runtimes.SettleAsync(pass.Repository.Identity, gpu.Workspaces, leadership.IsLeader, logger, cancellationToken);
        await reporter.ConvergedAsync(pass, plan, results, hosts.HostFor, settled, cancellationToken);

        // Access step: Jumpserver registration never fails the pass; a failure marks the workspace Degraded and retries sooner.
        var accessRetry = jumpserver is null ? null : await jumpserver.SyncAsync(pass.Repository.Identity, desired, plan, pass.Commit, cancellationToken);
        var failed = results.Where(r => r.Result.Outcome == ApplyOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            return ReconcileResult.Failed($"{failed.Count} of {results.Count} actions failed: "
                + string.Join("; ", failed.Select(f => $"{f.Action.Key.Workspace}: {f.Result.Reason}")));
        }

        Log.Converged(logger, results.Count, plan.Count(PlanActionKind.NoOp), plan.Count(PlanActionKind.Blocked));
        var poll = NextPoll(pass.Repository);
        var next = accessRetry is { } retry && retry < poll ? retry : poll;
        return ReconcileResult.RequeueAfter(plan.Count(PlanActionKind.Pending) > 0 && gpus.PendingRecheckInterval < next ? gpus.PendingRecheckInterval : next);
    }

    private void LogResult(ActionResult result)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Workspace"] = result.Action.Key.Workspace });
        if (result.Result.Outcome == ApplyOutcome.Succeeded)
        {
            Log.Applied(logger, result.Action.Kind.ToString(), (long)result.Elapsed.TotalMilliseconds);
        }
        else
        {
            Log.ApplyFailed(logger, result.Action.Kind.ToString(), result.Result.Reason ?? "Failed", result.Result.Message ?? "");
        }
    }

    private TimeSpan NextPoll(TrackedRepository repository)
    {
        var j = Math.Clamp(jitter(), 0, 1);
        return repository.Config.PollInterval * (1 + (PollJitterFraction * ((2 * j) - 1)));
    }
}

/// <summary>What one pass works on: the repository, its content at the head commit, and what the last pass recorded.</summary>
internal sealed record Pass(TrackedRepository Repository, GitCommitContent Content, Core.State.RepositoryState? Previous)
{
    public string Commit => Content.Commit;

    /// <summary>Changes at a commit not yet applied are the commit author's; later ones (drift repair) are the worker's own.</summary>
    public string Actor => Previous?.LastAppliedCommit == Commit ? PassReporter.WorkerActor : Content.Author;

    /// <summary>True the first time a pass sees this commit: one-off events (stalled, blocked) are written once per commit.</summary>
    public bool IsNewCommit => Previous?.LastSeenCommit != Commit;
}
