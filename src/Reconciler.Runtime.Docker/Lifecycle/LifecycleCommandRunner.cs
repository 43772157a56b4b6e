using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Lifecycle;

/// <summary>
/// Runs devcontainer lifecycle commands in order; the first failure stops the rest and becomes a
/// <c>LifecycleCommandFailed</c> with the exit code and the output tail. The container is left as it is.
/// </summary>
internal sealed class LifecycleCommandRunner(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    /// <summary>onCreate → updateContent → postCreate → postStart, after a container was created.</summary>
    public Task RunCreateCommandsAsync(string containerId, string name, DesiredWorkspace desired, CancellationToken cancellationToken)
        => RunAsync(containerId, name, desired,
        [
            ("onCreateCommand", desired.Commands.OnCreate),
            ("updateContentCommand", desired.Commands.UpdateContent),
            ("postCreateCommand", desired.Commands.PostCreate),
            ("postStartCommand", desired.Commands.PostStart),
        ], cancellationToken);

    /// <summary>Only postStart, after a stopped container was started again.</summary>
    public Task RunStartCommandsAsync(string containerId, string name, DesiredWorkspace desired, CancellationToken cancellationToken)
        => RunAsync(containerId, name, desired, [("postStartCommand", desired.Commands.PostStart)], cancellationToken);

    private async Task RunAsync(
        string containerId, string name, DesiredWorkspace desired, IReadOnlyList<(string Name, LifecycleCommand? Command)> commands, CancellationToken cancellationToken)
    {
        var spec = desired.Container;
        var settings = new ExecSettings(
            containerId,
            spec.RemoteUser ?? spec.ContainerUser,
            [.. spec.RemoteEnv.Where(e => e.Value is not null).Select(e => $"{e.Key}={e.Value}")],
            spec.WorkspaceFolder);
        // Features' and image metadata's commands of a phase run before devcontainer.json's own (the spec's merge order).
        var expanded = commands.SelectMany(c => desired.Commands.FromImage
                .Where(i => i.Phase == c.Name)
                .Select(i => ($"{c.Name} of {i.Source}", (LifecycleCommand?)i.Command))
                .Append(c))
            .ToList();
        foreach (var (commandName, command) in expanded)
        {
            if (command is null)
            {
                continue;
            }

            Log.RunningCommand(logger, commandName, name);
            var tail = new OutputTail(options.OutputTailLines);
            var (label, exitCode) = await RunOneAsync(settings, commandName, command, tail, cancellationToken);
            Log.CommandExited(logger, label, name, exitCode);
            if (exitCode != 0)
            {
                throw new StepFailedException("LifecycleCommandFailed", $"{label} exited with {exitCode}", exitCode, tail.ToString());
            }
        }
    }

    /// <summary>Returns the label of the failing part (or the command) and its exit code (0 when all succeeded).</summary>
    private async Task<(string Label, long ExitCode)> RunOneAsync(
        ExecSettings settings, string label, LifecycleCommand command, OutputTail tail, CancellationToken cancellationToken)
    {
        if (command.Form != LifecycleCommandForm.Parallel)
        {
            var argv = command.ToArgv();
            if (argv.Count == 0 || (command.Form == LifecycleCommandForm.Shell && string.IsNullOrWhiteSpace(command.Shell)))
            {
                return (label, 0);
            }

            return (label, await new ExecRunner(client, mutations, options.TimeProvider).RunAsync(settings, argv, tail, cancellationToken));
        }

        var parts = (command.Parallel ?? new Dictionary<string, LifecycleCommand>())
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => RunOneAsync(settings, $"{label} '{p.Key}'", p.Value, tail, cancellationToken))
            .ToList();
        var results = await Task.WhenAll(parts);
        return results.FirstOrDefault(r => r.ExitCode != 0) is { Label: not null } failed ? failed : (label, 0);
    }
}
