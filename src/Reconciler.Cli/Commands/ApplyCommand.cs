using System.CommandLine;
using Reconciler.Cli.Hosting;
using Reconciler.Cli.Output;

namespace Reconciler.Cli.Commands;

/// <summary><c>reconciler apply &lt;repo&gt; [--dry-run] [--prune-volumes]</c>: converge the runtime to the files.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var repo = RepositoryArgument.Create();
        var policies = PolicyOption.Create();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing" };
        var prune = new Option<bool>("--prune-volumes") { Description = "When removing a workspace, also delete its volumes" };
        var command = new Command("apply", "Converge the Docker engine to .daytona/workspace.yaml") { repo, dryRun, prune, policies };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var loaded = session.LoadRepository(parse.GetValue(repo)!, PolicyOption.Load(parse.GetValue(policies)));
            DiagnosticPrinter.Print(session.Error, loaded.Diagnostics);
            DiagnosticPrinter.Print(session.Error, loaded.Violations);
            if (loaded.HasErrors)
            {
                session.Error.WriteLine("Invalid input; nothing was changed.");
                return ExitCodes.InvalidInput;
            }

            var pruneVolumes = parse.GetValue(prune) || loaded.PruneVolumes;
            var planned = await RepositoryPlanning.PlanAsync(session, loaded, loaded.Workspaces, pruneVolumes, cancellationToken);
            PlanRenderer.WriteText(session.Out, loaded.Repository, loaded.Commit, planned.Plan);
            if (parse.GetValue(dryRun))
            {
                return ExitCodes.Success;
            }

            if (!planned.Plan.HasChanges && planned.Plan.Count(Core.Planning.PlanActionKind.Blocked) == 0)
            {
                session.Out.WriteLine("Nothing to do.");
                return ExitCodes.Success;
            }

            session.Out.WriteLine();
            return await Convergence.ApplyAsync(session, planned, pruneVolumes, cancellationToken);
        });
        return command;
    }
}
