using Microsoft.Extensions.Hosting;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// Works off <see cref="PullRequestQueue"/> for the host's lifetime: opened / synchronize / reopened are checked
/// (when GitHub reporting is configured) and every delivery is handed to the previews (when enabled). One delivery at
/// a time: checks are cheap, and GitHub's rate limits favour a steady pace.
/// </summary>
internal sealed class PullRequestCheckService(PullRequestQueue queue, IEnumerable<IPullRequestHandler> handlers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = handlers.ToList();
        try
        {
            await foreach (var work in queue.ReadAllAsync(stoppingToken))
            {
                foreach (var handler in all)
                {
                    await handler.HandleAsync(work, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>One consumer of pull-request deliveries (the checker, the previews). Must not throw for bad input or remote errors.</summary>
internal interface IPullRequestHandler
{
    Task HandleAsync(PullRequestWork work, CancellationToken cancellationToken);
}

/// <summary>Checks opened / synchronize / reopened deliveries.</summary>
internal sealed class CheckingHandler(PullRequestChecker checker) : IPullRequestHandler
{
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal) { "opened", "synchronize", "reopened" };

    public Task HandleAsync(PullRequestWork work, CancellationToken cancellationToken)
        => Actions.Contains(work.Event.Action) ? checker.CheckAsync(work, cancellationToken) : Task.CompletedTask;
}
