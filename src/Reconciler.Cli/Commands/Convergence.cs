using Reconciler.Cli.Hosting;
using Reconciler.Cli.Output;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;

namespace Reconciler.Cli.Commands;

/// <summary>Executes a repository plan host by host and prints one line per action as it finishes.</summary>
internal static class Convergence
{
    public static async Task<int> ApplyAsync(CliSession session, RepositoryPlan planned, bool pruneVolumes, CancellationToken cancellationToken)
    {
        var context = new ApplyContext(session.Repository!, pruneVolumes);
        var results = await planned.Hosts.ExecuteAsync(
            planned.Plan with { PruneVolumes = pruneVolumes }, session.Runtime, context, TimeProvider.System, r => Print(session.Out, r), cancellationToken);
        var failed = results.Count(r => r.Result.Outcome == ApplyOutcome.Failed);

        var blocked = planned.Plan.Count(PlanActionKind.Blocked);
        var pending = planned.Plan.Count(PlanActionKind.Pending);
        session.Out.WriteLine();
        session.Out.WriteLine(
            $"Apply complete: {planned.Plan.Actions.Count(a => a.IsMutating) - failed} succeeded, {failed} failed, {blocked} blocked, {pending} pending, "
            + $"{planned.Plan.Count(PlanActionKind.NoOp)} unchanged.");
        return failed + blocked + pending > 0 ? ExitCodes.NotConverged : ExitCodes.Success;
    }

    private static void Print(TextWriter writer, ActionResult result)
    {
        var name = result.Action.Key.Workspace;
        var verb = PlanRenderer.Name(result.Action.Kind);
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        if (result.Result.Outcome == ApplyOutcome.Succeeded)
        {
            writer.WriteLine($"  {name}: {verb} done ({seconds}s)");
            return;
        }

        var exit = result.Result.ExitCode is { } code ? $" (exit code {code})" : "";
        writer.WriteLine($"  {name}: {verb} FAILED: {result.Result.Reason}: {result.Result.Message}{exit}");
        if (!string.IsNullOrWhiteSpace(result.Result.OutputTail))
        {
            foreach (var line in result.Result.OutputTail.Split('\n'))
            {
                writer.WriteLine("    | " + line.TrimEnd('\r'));
            }
        }
    }
}
