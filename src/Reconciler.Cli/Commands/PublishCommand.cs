using System.CommandLine;
using System.Text.RegularExpressions;
using Reconciler.Cli.Hosting;
using Reconciler.Core.Desired;

namespace Reconciler.Cli.Commands;

/// <summary>
/// <c>reconciler publish REPOSITORY/WORKSPACE --tag T</c>: commits the workspace's container (running or stopped) on the
/// Docker engines of the configuration and pushes it as a release image another workspace can name as its <c>image</c>.
/// A plain tag goes to the workspace's repository on the <c>snapshots:</c> registry; a full reference (with a '/') is
/// pushed as written. Works on the engine directly, like <c>apply</c>; the container is not changed.
/// </summary>
internal static partial class PublishCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("workspace") { Description = "REPOSITORY/WORKSPACE as reconciler status shows it, e.g. github.com/acme/ml/notebook" };
        var tag = new Option<string>("--tag")
        {
            Description = "Tag (pushed to <snapshots.registry>/<prefix>/<repository hash>/<workspace>:TAG) or a full image reference registry/path:tag",
            Required = true,
        };
        var command = new Command("publish", "Commit a workspace's container and push it as a release image") { target, tag };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var name = parse.GetValue(target)!.Trim('/');
            var slash = name.LastIndexOf('/');
            if (slash <= 0)
            {
                throw new UsageException($"name the workspace as REPOSITORY/WORKSPACE (e.g. github.com/acme/ml/notebook), not '{name}'");
            }

            var key = new WorkspaceKey(name[..slash], name[(slash + 1)..]);
            var given = parse.GetValue(tag)!;
            foreach (var host in session.DockerHostNames.Order(StringComparer.Ordinal))
            {
                var runtime = session.Docker(host);
                var reference = Reference(given, runtime.PublishRepository(key));
                if (await runtime.PublishAsync(key, reference, cancellationToken) is not { } result)
                {
                    continue;
                }

                if (result.Outcome != Core.Ports.ApplyOutcome.Succeeded)
                {
                    await session.Error.WriteLineAsync($"error: {result.Reason}: {result.Message}");
                    return ExitCodes.NotConverged;
                }

                await session.Out.WriteLineAsync($"published {key} as {reference}");
                return ExitCodes.Success;
            }

            await session.Error.WriteLineAsync($"error: no container of {key} on the Docker hosts {string.Join(", ", session.DockerHostNames.Order(StringComparer.Ordinal))}");
            return ExitCodes.InvalidInput;
        });
        return command;
    }

    private static string Reference(string given, string? repository)
    {
        if (given.Contains('/', StringComparison.Ordinal))
        {
            var colon = given.LastIndexOf(':');
            if (given.Contains('@', StringComparison.Ordinal) || colon < given.LastIndexOf('/') || !TagPattern().IsMatch(given[(colon + 1)..]))
            {
                throw new UsageException($"--tag '{given}': a full reference needs a tag and no digest, e.g. registry.example.com/team/tools:1.0");
            }

            return given;
        }

        if (!TagPattern().IsMatch(given) || given.StartsWith(Runtime.Docker.Snapshots.SnapshotRegistryOptions.SnapshotTagPrefix, StringComparison.Ordinal))
        {
            throw new UsageException($"--tag '{given}' is not a usable tag: letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-'), and not snap-… (those are snapshots, pruned by retention)");
        }

        return repository is null
            ? throw new UsageException("--tag with a plain tag pushes to the snapshots registry: add a snapshots: section to --config, or give a full reference registry/path:tag")
            : $"{repository}:{given}";
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
