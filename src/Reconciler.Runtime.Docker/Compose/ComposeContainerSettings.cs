using Docker.DotNet.Models;
using Reconciler.Core.Compose;

namespace Reconciler.Runtime.Docker.Compose;

/// <summary>The engine settings a compose service adds to a create request: command, restart policy, healthcheck, tty, DNS alias.</summary>
internal static class ComposeContainerSettings
{
    public static void Apply(CreateContainerParameters parameters, ComposeService service, string? networkMode, bool overrideCommand)
    {
        if (!overrideCommand)
        {
            if (service.Entrypoint is { } entrypoint)
            {
                parameters.Entrypoint = [.. entrypoint];
            }

            if (service.Command is { } command)
            {
                parameters.Cmd = [.. command];
            }
        }

        parameters.Tty = service.Tty;
        parameters.OpenStdin = service.StdinOpen;
        if (service.Restart is { } restart)
        {
            var parts = restart.Split(':');
            parameters.HostConfig.RestartPolicy = new RestartPolicy
            {
                Name = parts[0] switch
                {
                    "always" => RestartPolicyKind.Always,
                    "on-failure" => RestartPolicyKind.OnFailure,
                    "unless-stopped" => RestartPolicyKind.UnlessStopped,
                    _ => RestartPolicyKind.No,
                },
                MaximumRetryCount = parts.Length > 1 && long.TryParse(parts[1], out var retries) ? retries : 0,
            };
        }

        if (service.Healthcheck is { } health)
        {
            parameters.Healthcheck = new HealthConfig
            {
                Test = [.. health.Test],
                Interval = TimeSpan.FromTicks((health.IntervalNs ?? 0) / 100),
                Timeout = TimeSpan.FromTicks((health.TimeoutNs ?? 0) / 100),
                Retries = health.RetriesCount ?? 0,
                StartPeriod = health.StartPeriodNs ?? 0,
            };
        }

        if (networkMode is { } network && !network.StartsWith("container:", StringComparison.Ordinal) && network != "none")
        {
            // Services find each other by service name, as under docker compose.
            parameters.NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new() { Aliases = [service.Name] } },
            };
        }
    }
}
