using System.CommandLine;
using Reconciler.Cli.Hosting;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Hosting;

namespace Reconciler.Cli.Commands;

/// <summary>
/// <c>reconciler run --config reconciler.yaml</c>: the long-running worker. The configuration and every secret it
/// names are checked before anything starts (located errors, exit code 2); SIGINT/SIGTERM shut it down gracefully.
/// </summary>
internal static class RunCommand
{
    public const string Name = "run";

    public static Command Create()
    {
        var command = new Command(Name, "Run the worker: reconcile the configured git repositories continuously (polling, webhooks, resync)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(GlobalOptions.Config)
                ?? throw new UsageException("'reconciler run' needs --config FILE (see docs/worker.md and examples/reconciler.yaml)");
            var (settings, diagnostics) = WorkerConfigLoader.Load(file.FullName, file.ToString());
            if (settings is null)
            {
                throw new InvalidInputException(diagnostics);
            }

            var options = new WorkerHostOptions { LogFormat = parse.GetValue(GlobalOptions.LogFormat) ?? "text", Verbose = parse.GetValue(GlobalOptions.Verbose) };
            WorkerHost host;
            try
            {
                host = await WorkerHost.BuildAsync(settings, options, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Storage.Sqlite.SchemaVersionException or Microsoft.Data.Sqlite.SqliteException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: the database {settings.DatabasePath} cannot be opened: {e.Message}");
                return ExitCodes.NotConverged;
            }

            await using (host)
            {
                try
                {
                    await host.RunAsync(cancellationToken);
                }
                catch (IOException e)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"error: cannot listen on {settings.Config.Server.Listen}: {e.Message}");
                    return ExitCodes.NotConverged;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
