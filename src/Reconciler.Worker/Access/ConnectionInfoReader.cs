using System.Globalization;
using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite.Secrets;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Access;

/// <summary>
/// Builds <see cref="ConnectionInfo"/> from what runs now: one observation of the workspace's repository on its host
/// (published ports as the engine reports them) and the Jupyter token when the workspace has one. A port bound to
/// 127.0.0.1 is given as 127.0.0.1 (reachable on that host only); any other binding as the host's address: the
/// host of a <c>tcp://</c> endpoint, else <c>localhost</c>.
/// </summary>
internal sealed class ConnectionInfoReader(RuntimeSet runtimes, WorkerSettings settings, WorkspaceSecretStore? secrets)
{
    public async Task<ConnectionInfo> ReadAsync(WorkspaceKey key, string? host, CancellationToken cancellationToken)
    {
        var runtimeHost = host ?? "default";
        var ports = new List<PublishedPortInfo>();
        if (runtimes.HostNames.Contains(runtimeHost))
        {
            var observed = (await runtimes.Runtime(runtimeHost).ObserveAsync(key.Repository, cancellationToken)).FirstOrDefault(o => o.Key == key);
            var address = Address(settings.DockerEndpoints.TryGetValue(runtimeHost, out var endpoint) ? endpoint : null);
            ports.AddRange((observed?.Ports ?? [])
                .Select(p => Parse(p, address))
                .OfType<PublishedPortInfo>()
                .GroupBy(p => (p.ContainerPort, p.Protocol))
                .Select(g => g.First()));
        }

        string? jupyter = null;
        if (secrets is not null
            && ports.FirstOrDefault(p => p.ContainerPort == JupyterTokens.Port && p.Protocol == "tcp") is { } port
            && await secrets.FindAsync(key, JupyterTokens.Kind, cancellationToken) is { } token)
        {
            jupyter = $"http://{port.Address}/lab?token={token}";
        }

        return new ConnectionInfo(key.Repository, key.Workspace, runtimeHost, null, jupyter, ports);
    }

    /// <summary><c>ip:hostPort-&gt;containerPort/proto</c> as observed; null for anything else.</summary>
    internal static PublishedPortInfo? Parse(string observed, string hostAddress)
    {
        var arrow = observed.IndexOf("->", StringComparison.Ordinal);
        var colon = arrow < 0 ? -1 : observed.LastIndexOf(':', arrow);
        var slash = observed.LastIndexOf('/');
        if (colon < 0 || slash < arrow
            || !int.TryParse(observed.AsSpan(colon + 1, arrow - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort)
            || !int.TryParse(observed.AsSpan(arrow + 2, slash - arrow - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort))
        {
            return null;
        }

        var ip = observed[..colon];
        var protocol = observed[(slash + 1)..];
        var address = string.Create(CultureInfo.InvariantCulture, $"{(ip is "127.0.0.1" or "::1" ? "127.0.0.1" : hostAddress)}:{hostPort}");
        return new PublishedPortInfo(containerPort, protocol, address, protocol == "tcp" ? "http://" + address : null);
    }

    internal static string Address(string? endpoint)
        => endpoint is not null && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == "tcp" && uri.Host.Length > 0 ? uri.Host : "localhost";
}
