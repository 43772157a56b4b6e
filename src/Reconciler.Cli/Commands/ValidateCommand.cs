using System.CommandLine;
using Reconciler.Cli.Hosting;
using Reconciler.Cli.Output;

namespace Reconciler.Cli.Commands;

/// <summary>
/// <c>reconciler validate &lt;repo&gt; [--policies DIR] [--format text|json|sarif|github]</c>: parse and compile every
/// workspace and evaluate the policies; never talks to a runtime. Exit 2 on invalid input or policies, 1 when an
/// enforced policy is violated, else 0 (warnings and audit notes are printed).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var repo = RepositoryArgument.Create();
        var policiesOption = PolicyOption.Create();
        var format = new Option<string>("--format")
        {
            Description = "Report format: text (compiler style, on stderr), json, sarif (SARIF 2.1.0) or github (workflow commands)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(ReportWriter.Formats);
        var command = new Command("validate", "Check .daytona/workspace.yaml, the devcontainer files it names, and governance policies")
        {
            repo, policiesOption, format,
        };
        command.SetAction((parse, _) =>
        {
            using var session = CliSession.Open(parse);
            var policies = PolicyOption.Load(parse.GetValue(policiesOption));
            var loaded = session.LoadRepository(parse.GetValue(repo)!, policies);
            var chosen = parse.GetValue(format)!;
            ReportWriter.Write(chosen, session.Out, session.Error, loaded, policies);
            if (loaded.HasErrors)
            {
                var errors = loaded.Diagnostics.Count(d => d.IsError);
                session.Error.WriteLine($"{errors} error(s); nothing was changed.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var blocking = loaded.Violations.Count(v => v.Blocks);
            if (chosen == "text")
            {
                var warnings = loaded.Diagnostics.Count - loaded.Diagnostics.Count(d => d.IsError);
                var policyText = policies.Count == 0 ? "" : $", {loaded.Violations.Count} policy violation(s) ({blocking} enforced)";
                session.Out.WriteLine($"{loaded.Repository}: {loaded.Workspaces.Count} workspace(s) valid, {warnings} warning(s){policyText}.");
            }

            return Task.FromResult(blocking > 0 ? ExitCodes.NotConverged : ExitCodes.Success);
        });
        return command;
    }
}
