namespace Reconciler.Worker.Access;

/// <summary>Every way into one workspace (docs/access.md). <see cref="Ssh"/> stays null until SSH access exists.</summary>
internal sealed record ConnectionInfo(
    string Repository,
    string Workspace,
    string RuntimeHost,
    string? Ssh,
    string? Jupyter,
    IReadOnlyList<PublishedPortInfo> Ports);

/// <summary>One published port: <c>address</c> is <c>host:port</c>; <c>url</c> an http URL for TCP ports.</summary>
internal sealed record PublishedPortInfo(int ContainerPort, string Protocol, string Address, string? Url);
