using System.Globalization;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Storage.Sqlite.Secrets;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Access;

/// <summary>
/// Builds <see cref="ConnectionInfo"/> from what runs now: one observation of the workspace's repository on its host
/// (published ports as the engine reports them, the SSH user from the recorded spec) and the sealed Jupyter token and
/// VNC/RDP passwords when the workspace has them. A port bound to
/// 127.0.0.1 is given as 127.0.0.1 (reachable on that host only); any other binding as the host's address: the
/// host of a <c>tcp://</c> endpoint, else <c>localhost</c>.
/// </summary>
internal sealed class ConnectionInfoReader(RuntimeSet runtimes, WorkerSettings settings, Storage.Sqlite.IWorkspaceSecretStore? secrets, Jumpserver.JumpserverStep? jumpserver = null)
{
    public async Task<ConnectionInfo> ReadAsync(WorkspaceKey key, string? host, CancellationToken cancellationToken)
    {
        var runtimeHost = host ?? "default";
        var ports = new List<PublishedPortInfo>();
        WorkspaceObservation? observed = null;
        var vm = runtimes.Vm(runtimeHost);
        if (runtimes.HostNames.Contains(runtimeHost) || vm is not null)
        {
            observed = (await runtimes.Runtime(runtimeHost).ObserveAsync(key.Repository, cancellationToken)).FirstOrDefault(o => o.Key == key);
            var address = vm is not null ? "localhost" : Address(settings.DockerEndpoints.TryGetValue(runtimeHost, out var endpoint) ? endpoint : null);
            ports.AddRange((observed?.Ports ?? [])
                .Select(p => Parse(p, address))
                .OfType<PublishedPortInfo>()
                .GroupBy(p => (p.ContainerPort, p.Protocol))
                .Select(g => g.First()));
        }

        PublishedPortInfo? Tcp(int containerPort) => ports.FirstOrDefault(p => p.ContainerPort == containerPort && p.Protocol == "tcp");

        string? jupyter = null;
        if (secrets is not null
            && Tcp(JupyterTokens.Port) is { } port
            && await secrets.FindAsync(key, JupyterTokens.Kind, cancellationToken) is { } token)
        {
            jupyter = $"http://{port.Address}/lab?token={token}";
        }

        var ssh = Tcp(ContainerPorts.Ssh) is { } sshPort ? SshCommand(sshPort.Address, SshUser(observed)) : null;
        var vnc = await DesktopAsync(key, Tcp(ContainerPorts.Vnc), AccessSecrets.VncKind, "vnc://", cancellationToken);
        var rdp = await DesktopAsync(key, Tcp(ContainerPorts.Rdp), AccessSecrets.RdpKind, "rdp://", cancellationToken);
        if (vm is not null && await vm.ReadVncAsync(key, cancellationToken) is { Port: { } vncPort } access)
        {
            // A VM's screen is libvirt's VNC graphics: the port libvirt picked at start and the password of the domain.
            var address = string.Create(CultureInfo.InvariantCulture, $"{VmAddress(access.Listen)}:{vncPort}");
            vnc = new RemoteDesktopInfo(address, "vnc://" + address, access.Password);
        }

        return new ConnectionInfo(key.Repository, key.Workspace, runtimeHost, ssh, jupyter, vnc, rdp, jumpserver?.AssetUrl(key), ports);
    }

    /// <summary>The user sshd logs in as: devcontainer.json's remoteUser, else containerUser, else root.</summary>
    internal static string SshUser(WorkspaceObservation? observed)
        => observed?.Fields is { } fields && (fields.GetValueOrDefault("remoteUser") ?? fields.GetValueOrDefault("containerUser")) is { Length: > 0 } user
            ? user
            : "root";

    /// <summary><c>ssh -p PORT USER@HOST</c> from a published <c>host:port</c>.</summary>
    internal static string SshCommand(string address, string user)
    {
        var colon = address.LastIndexOf(':');
        return $"ssh -p {address[(colon + 1)..]} {user}@{address[..colon]}";
    }

    private async Task<RemoteDesktopInfo?> DesktopAsync(WorkspaceKey key, PublishedPortInfo? port, string kind, string scheme, CancellationToken cancellationToken)
        => port is not null && secrets is not null && await secrets.FindAsync(key, kind, cancellationToken) is { } password
            ? new RemoteDesktopInfo(port.Address, scheme + port.Address, password)
            : null;

    /// <summary>A VM listen address as a client dials it: a wildcard listen is given as the host (<c>localhost</c>).</summary>
    internal static string VmAddress(string listen) => listen is "0.0.0.0" or "::" ? "localhost" : listen;

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
