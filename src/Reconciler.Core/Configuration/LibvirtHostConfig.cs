namespace Reconciler.Core.Configuration;

/// <summary>
/// One libvirt/KVM host (<c>runtimes.libvirt.&lt;name&gt;</c>). Directories are as written (the host resolves them
/// relative to the configuration file); <see cref="Network"/> is <c>none</c>, <c>user</c>, <c>network:NAME</c> or
/// <c>bridge:NAME</c>.
/// </summary>
public sealed record LibvirtHostConfig(string ImageDirectory, string StorageDirectory)
{
    public const string DefaultUri = "qemu:///system";

    public string Uri { get; init; } = DefaultUri;

    public string Network { get; init; } = "none";

    public string VncListen { get; init; } = "127.0.0.1";

    /// <summary><c>portRange</c>: host ports forwarded to guests (RDP of access.rdp). Default: 32000-32999.</summary>
    public Access.HostPortRange PortRange { get; init; } = Access.HostPortRange.Default;

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<string> SshAuthorizedKeys { get; init; } = [];

    /// <summary>Base images downloaded into <see cref="ImageDirectory"/> on first use (<c>images</c>), unique by name.</summary>
    public IReadOnlyList<LibvirtImageSource> Images { get; init; } = [];

    /// <summary><c>gpus</c>: the declared GPUs of this hypervisor (PCI addresses, vGPU types); null when none are declared.</summary>
    public GpuInventoryConfig? Gpus { get; init; }

    /// <summary><c>maxImageSizeGiB</c>: largest base image download accepted. Default: 64 GiB.</summary>
    public long MaxImageBytes { get; init; } = 64L << 30;
}

/// <summary>One listed base image: its file name in the image directory, where to download it, and its SHA-256 (lower-case hex).</summary>
public sealed record LibvirtImageSource(string Name, Uri Url, string Sha256);
