using System.CommandLine;
using Reconciler.Cli.Hosting;
using Reconciler.Cli.Output;

namespace Reconciler.Cli.Commands;

/// <summary><c>reconciler down &lt;repo&gt;</c>: remove every workspace of the repository (volumes kept unless asked).</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var repo = RepositoryArgument.Create();
        var prune = new Option<bool>("--prune-volumes") { Description = "Also delete the workspaces' volumes" };
        var command = new Command("down", "Remove every workspace Reconciler runs for this repository") { repo, prune };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);

            // down must work even when the files are broken: only the repository identity matters.
            var loaded = session.LoadRepository(parse.GetValue(repo)!);
            var pruneVolumes = parse.GetValue(prune);
            var planned = await RepositoryPlanning.PlanAsync(session, loaded, [], pruneVolumes, cancellationToken);
            PlanRenderer.WriteText(session.Out, loaded.Repository, loaded.Commit, planned.Plan);
            if (!planned.Plan.HasChanges)
            {
                return ExitCodes.Success;
            }

            session.Out.WriteLine();
            return await Convergence.ApplyAsync(session, planned, pruneVolumes, cancellationToken);
        });
        return command;
    }
}
