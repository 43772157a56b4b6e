namespace Reconciler.Worker.Access;

/// <summary>The container ports the compiler publishes for access.ssh, vnc and rdp (docs/access.md).</summary>
internal static class ContainerPorts
{
    public const int Ssh = 22;

    public const int Vnc = 5900;

    public const int Rdp = 3389;
}
