using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.PullRequests;
using Reconciler.Worker.Repositories;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Previews;

/// <summary>
/// Pull-request previews: on opened / synchronize / reopened the head is loaded (with the worker's policies) and every
/// workspace with <c>previews.enabled</c> is converged as <c>&lt;name&gt;-pr-&lt;n&gt;</c> in the pull request's own scope
/// (<see cref="PreviewNames"/>); closed, or a passed ttl, removes the scope's objects with their volumes. Forks get
/// nothing unless <c>previews.allowForks</c>. Level-triggered like the main pass: each call plans the whole scope
/// against what runs. One operation at a time.
/// </summary>
internal sealed class PreviewManager(
    RepositoryRegistry repositories,
    RuntimeSet runtimes,
    LoaderOptions loaderOptions,
    WorkerSettings settings,
    PreviewExpiries expiries,
    Reconciler.Core.State.IStateStore store,
    TimeProvider time,
    ILogger<PreviewManager> logger) : IPullRequestHandler, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task HandleAsync(PullRequestWork work, CancellationToken cancellationToken)
    {
        if (work.CheckOnly)
        {
            return; // a check posted again after a rate limit; this delivery's preview was handled when it came
        }

        var pullRequest = work.Event;
        if (repositories.Find(pullRequest.Base.Repository.Identity) is not { } repository)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (pullRequest.Action == "closed")
            {
                await RemoveAsync(repository.Identity, pullRequest.Number, pullRequest.Merged ? "merged" : "closed", cancellationToken);
            }
            else if (CheckingHandler.Actions.Contains(pullRequest.Action))
            {
                await UpdateAsync(repository, pullRequest, cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            Log.Failed(logger, repository.Identity, pullRequest.Number, e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes the previews whose ttl passed.</summary>
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        foreach (var (repository, number) in expiries.ExpiredAt(time.GetUtcNow()))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await RemoveAsync(repository, number, "ttl passed", cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                Log.Failed(logger, repository, number, e.Message);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task UpdateAsync(TrackedRepository repository, GitHub.Webhooks.Events.PullRequestEvent pullRequest, CancellationToken cancellationToken)
    {
        if (pullRequest.IsFork && !settings.Config.Previews.AllowForks)
        {
            Log.Skipped(logger, repository.Identity, pullRequest.Number, "the pull request comes from a fork and previews.allowForks is off");
            return;
        }

        await repository.Source.FetchPullRequestAsync(pullRequest.Number, pullRequest.Head.Sha, cancellationToken);
        using var head = repository.Source.OpenCommit(pullRequest.Head.Sha);
        var content = new PreviewContent(head, PreviewNames.Scope(repository.Identity, pullRequest.Number));
        var loaded = WorkspaceLoader.Load(content, loaderOptions with { WorkspaceFile = repository.Config.Path });
        if (loaded.HasErrors)
        {
            // Like the main pass: invalid files change nothing; the previews stay as the last valid head left them.
            Log.Skipped(logger, repository.Identity, pullRequest.Number, "the workspace files at the head are invalid");
            return;
        }

        var desired = loaded.Workspaces
            .Where(w => w.Spec.Previews.Enabled)
            .Select(w => w with { Key = PreviewNames.Key(repository.Identity, pullRequest.Number, w.Key.Workspace) })
            .ToList();
        await ConvergeAsync(repository.Identity, pullRequest.Number, desired, content, pullRequest.Action, pullRequest.Head.Sha, cancellationToken);
        if (desired.Count == 0)
        {
            await expiries.ForgetAsync(repository.Identity, pullRequest.Number, cancellationToken);
            return;
        }

        var ttl = desired.Min(w => w.Spec.Previews.EffectiveTtl);
        await expiries.SetAsync(repository.Identity, pullRequest.Number, time.GetUtcNow() + ttl, cancellationToken);
    }

    private async Task RemoveAsync(string repository, int number, string reason, CancellationToken cancellationToken)
    {
        await ConvergeAsync(repository, number, [], new RemovalOnlyContent(repository), reason, null, cancellationToken);
        await expiries.ForgetAsync(repository, number, cancellationToken);
    }

    private async Task ConvergeAsync(
        string repository, int number, IReadOnlyList<DesiredWorkspace> desired, IRepositoryContent content, string reason, string? commit, CancellationToken cancellationToken)
    {
        // Previews are disposable: their volumes go with them.
        var hosts = await runtimes.ObserveAsync(PreviewNames.Scope(repository, number), cancellationToken);
        var plan = Planner.Plan(desired, hosts.Observed, pruneVolumes: true);
        var results = await hosts.ExecuteAsync(plan, runtimes.Runtime, new ApplyContext(content, PruneVolumes: true), time, LogFailure, cancellationToken);
        await PreviewStatuses.WriteAsync(store, results, commit, cancellationToken);
        Log.Converged(logger, repository, number, reason, results.Count, results.Count(r => r.Result.Outcome == ApplyOutcome.Failed));
    }

    private void LogFailure(ActionResult result)
    {
        if (result.Result.Outcome == ApplyOutcome.Failed)
        {
            Log.ActionFailed(logger, result.Action.Key.Workspace, result.Action.Kind.ToString(), result.Result.Reason ?? "Failed", result.Result.Message ?? "");
        }
    }
}
