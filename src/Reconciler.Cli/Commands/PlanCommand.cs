using System.CommandLine;
using Reconciler.Cli.Hosting;
using Reconciler.Cli.Output;

namespace Reconciler.Cli.Commands;

/// <summary><c>reconciler plan &lt;repo&gt; [--json]</c>: what apply would do, read-only.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var repo = RepositoryArgument.Create();
        var policies = PolicyOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };
        var command = new Command("plan", "Show what apply would change, without changing anything") { repo, json, policies };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var loaded = session.LoadRepository(parse.GetValue(repo)!, PolicyOption.Load(parse.GetValue(policies)));
            DiagnosticPrinter.Print(session.Error, loaded.Diagnostics);
            DiagnosticPrinter.Print(session.Error, loaded.Violations);
            if (loaded.HasErrors)
            {
                return ExitCodes.InvalidInput;
            }

            var planned = await RepositoryPlanning.PlanAsync(session, loaded, loaded.Workspaces, loaded.PruneVolumes, cancellationToken);
            if (parse.GetValue(json))
            {
                PlanRenderer.WriteJson(session.Out, PlanRenderer.ToJson(loaded.Repository, loaded.Commit, planned.Plan));
            }
            else
            {
                PlanRenderer.WriteText(session.Out, loaded.Repository, loaded.Commit, planned.Plan);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
