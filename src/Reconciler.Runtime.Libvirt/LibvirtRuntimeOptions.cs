using Reconciler.Runtime.Libvirt.Domains;

namespace Reconciler.Runtime.Libvirt;

/// <summary>Settings of one libvirt host (worker config <c>runtimes.libvirt.&lt;host&gt;</c>, see docs/vm.md).</summary>
public sealed class LibvirtRuntimeOptions
{
    /// <summary>Connection URI. Default: <c>qemu:///system</c>.</summary>
    public string Uri { get; set; } = "qemu:///system";

    /// <summary>Directory of base disk images (qcow2); a workspace names one by file name in devcontainer <c>image</c>. Required.</summary>
    public string ImageDirectory { get; set; } = "";

    /// <summary>Directory for per-workspace overlays and seed ISOs. Required.</summary>
    public string StorageDirectory { get; set; } = "";

    /// <summary>Base images downloaded into <see cref="ImageDirectory"/> on first use, by file name (docs/vm.md). Default: none.</summary>
    public IReadOnlyList<Images.BaseImageSource> Images { get; set; } = [];

    /// <summary>Largest base image download accepted; a bigger one is stopped and nothing is kept. Default: 64 GiB.</summary>
    public long MaxImageBytes { get; set; } = 64L << 30;

    /// <summary>NIC of every domain. Default: none (no network device).</summary>
    public NetworkAttachment Network { get; set; } = NetworkAttachment.None;

    /// <summary>Address VNC listens on for desktop workspaces. Default: <c>127.0.0.1</c>.</summary>
    public string VncListen { get; set; } = "127.0.0.1";

    /// <summary>Host ports forwarded to guests (the RDP forward of access.rdp), per host. Default: 32000-32999.</summary>
    public Core.Access.HostPortRange PortRange { get; set; } = Core.Access.HostPortRange.Default;

    /// <summary>
    /// The generated RDP password of an access.rdp workspace (sealed by the worker), written into the guest's cloud-init
    /// seed. Null (the CLI, a worker without a secrets key): access.rdp fails with <c>SecretsKeyMissing</c>.
    /// </summary>
    public Func<Core.Desired.DesiredWorkspace, CancellationToken, Task<string>>? RdpPassword { get; set; }

    /// <summary>SSH public keys written into every guest's cloud-init user. Default: none.</summary>
    public IReadOnlyList<string> SshAuthorizedKeys { get; set; } = [];

    /// <summary>How long a graceful (ACPI) shutdown may take before the domain is powered off. Default: 60 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>vCPUs when <c>resources.cpu</c> is not set. Default: 1.</summary>
    public int DefaultVcpus { get; set; } = 1;

    /// <summary>Memory when <c>resources.memory</c> is not set. Default: 2 GiB.</summary>
    public long DefaultMemoryBytes { get; set; } = 2L << 30;

    /// <summary>GPU UUID → PCI address (from the GPU inventory of this host), for whole-GPU passthrough.</summary>
    public IReadOnlyDictionary<string, string> GpuPciAddresses { get; set; } = new Dictionary<string, string>();

    /// <summary>The host name workspaces use for this hypervisor (<c>host:</c>). Default: <c>default</c>.</summary>
    public string HostName { get; set; } = "default";

    public string QemuImg { get; set; } = "qemu-img";

    public string Genisoimage { get; set; } = "genisoimage";

    /// <summary>
    /// Called after each step of an apply that changed the host (<c>defined</c>, <c>started</c>, <c>stopped</c>,
    /// <c>undefined</c>). Default: nothing. Crash-safety tests pause a process here and kill it.
    /// </summary>
    public Action<string>? StepCompleted { get; set; }

    /// <summary>
    /// Guest CPU use, in cores, above which a running VM counts as active for its idle timeout (docs/vm.md). Default: 0.05.
    /// </summary>
    public double ActiveCpuCores { get; set; } = 0.05;

    /// <summary>Clock for shutdown timeouts and creation times. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
