using System.CommandLine;
using Reconciler.Cli.Commands;
using Reconciler.Cli.Hosting;

namespace Reconciler.Cli;

/// <summary>
/// Builds the command tree and runs it. Every failure a user can cause ends with a one-line message and
/// exit code 2; an unreachable engine with exit code 1; nothing prints a stack trace unless --verbose.
/// </summary>
internal static class CliApplication
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Reconciler: GitOps for development environments (devcontainers on Docker)")
        {
            ValidateCommand.Create(),
            PlanCommand.Create(),
            ApplyCommand.Create(),
            StatusCommand.Create(),
            PowerCommand.Create("wake", "Wake a workspace now (the idle timeout still applies) until the next schedule boundary, --until or --for"),
            PowerCommand.Create("stop", "Keep a workspace stopped until --until/--for, else until the next schedule boundary"),
            PowerCommand.Create("start", "Keep a workspace running, idle or not, until --until/--for, else until the next schedule boundary"),
            DownCommand.Create(),
            PublishCommand.Create(),
            RunCommand.Create(),
        };
        root.Options.Add(GlobalOptions.DockerHost);
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.GpuInventory);
        root.Options.Add(GlobalOptions.LogFormat);
        root.Options.Add(GlobalOptions.Verbose);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync("error: " + problem.Message);
            }

            await error.WriteLineAsync("Run 'reconciler --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            // The worker's host handles SIGINT/SIGTERM itself (graceful shutdown with its own timeout); the other
            // commands are cancelled by System.CommandLine.
            var isWorker = parse.CommandResult.Command.Name == RunCommand.Name;
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = isWorker ? null : TimeSpan.FromSeconds(2),
            });
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (InvalidInputException ex)
        {
            DiagnosticPrinter.Print(error, ex.Diagnostics);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (RuntimeUnavailable.Matches(ex))
        {
            await error.WriteLineAsync("error: the Docker engine could not be reached: " + ex.GetBaseException().Message);
            return ExitCodes.NotConverged;
        }
    }
}
