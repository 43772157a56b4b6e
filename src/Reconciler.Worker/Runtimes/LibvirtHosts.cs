using Reconciler.Core.Configuration;
using Reconciler.Runtime.Libvirt;
using Reconciler.Runtime.Libvirt.Domains;
using Reconciler.Runtime.Libvirt.Images;

namespace Reconciler.Worker.Runtimes;

/// <summary>Options of the libvirt runtime for one configured host; directories relative to the configuration file.</summary>
internal static class LibvirtHosts
{
    public static LibvirtRuntimeOptions Options(string host, LibvirtHostConfig config, string configDirectory) => new()
    {
        HostName = host,
        Uri = config.Uri,
        ImageDirectory = Path.GetFullPath(config.ImageDirectory, configDirectory),
        StorageDirectory = Path.GetFullPath(config.StorageDirectory, configDirectory),
        Network = NetworkAttachment.Parse(config.Network) ?? NetworkAttachment.None,
        VncListen = config.VncListen,
        PortRange = config.PortRange,
        ShutdownTimeout = config.ShutdownTimeout,
        SshAuthorizedKeys = config.SshAuthorizedKeys,
        Images = config.Images.Select(i => new BaseImageSource(i.Name, i.Url, i.Sha256)).ToList(),
        MaxImageBytes = config.MaxImageBytes,
        GpuPciAddresses = (config.Gpus?.Declared?.Gpus ?? [])
            .Where(g => g.PciBusId is not null)
            .ToDictionary(g => g.Uuid, g => g.PciBusId!, StringComparer.Ordinal),
    };
}
