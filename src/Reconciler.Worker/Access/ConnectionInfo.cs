namespace Reconciler.Worker.Access;

/// <summary>
/// Every way into one workspace (docs/access.md). <see cref="Ssh"/> is an ssh command line for access.ssh;
/// <see cref="Vnc"/> and <see cref="Rdp"/> an address and the generated password for access.vnc and access.rdp;
/// each is null when the workspace does not have it or it is not published now. <see cref="Jumpserver"/> is the asset's
/// page in Jumpserver's web terminal once an access.jumpserver workspace is registered (connect through the bastion).
/// </summary>
internal sealed record ConnectionInfo(
    string Repository,
    string Workspace,
    string RuntimeHost,
    string? Ssh,
    string? Jupyter,
    RemoteDesktopInfo? Vnc,
    RemoteDesktopInfo? Rdp,
    string? Jumpserver,
    IReadOnlyList<PublishedPortInfo> Ports);

/// <summary>One published port: <c>address</c> is <c>host:port</c>; <c>url</c> an http URL for TCP ports.</summary>
internal sealed record PublishedPortInfo(int ContainerPort, string Protocol, string Address, string? Url);

/// <summary>A VNC or RDP server: <c>host:port</c>, a <c>vnc://</c> or <c>rdp://</c> URL, and the workspace's generated password.</summary>
internal sealed record RemoteDesktopInfo(string Address, string Url, string Password);
