using System.CommandLine;
using Reconciler.Cli.Hosting;

namespace Reconciler.Cli.Commands;

/// <summary><c>reconciler validate &lt;repo&gt;</c>: parse and compile every workspace; never talks to a runtime.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var repo = RepositoryArgument.Create();
        var command = new Command("validate", "Check .daytona/workspace.yaml and the devcontainer files it names") { repo };
        command.SetAction((parse, _) =>
        {
            using var session = CliSession.Open(parse);
            var loaded = session.LoadRepository(parse.GetValue(repo)!);
            DiagnosticPrinter.Print(session.Error, loaded.Diagnostics);
            if (loaded.HasErrors)
            {
                var errors = loaded.Diagnostics.Count(d => d.IsError);
                session.Error.WriteLine($"{errors} error(s); nothing was changed.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var warnings = loaded.Diagnostics.Count - loaded.Diagnostics.Count(d => d.IsError);
            session.Out.WriteLine($"{loaded.Repository}: {loaded.Workspaces.Count} workspace(s) valid, {warnings} warning(s).");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
