using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Runtime.Libvirt.Domains;

/// <summary>
/// Turns a desired workspace into a <see cref="DomainSpec"/>: sizes from <c>resources</c> (vCPUs rounded up), VNC for
/// <c>type: desktop</c>, whole GPUs as PCI passthrough (addresses from the host's GPU inventory) and vGPU slots as
/// mediated devices with a UUID derived from the workspace and GPU (stable across recreates). MIG and shared GPUs
/// have no VM form and fail with a clear reason.
/// </summary>
internal static class DomainSpecFactory
{
    public static DomainSpec Create(
        DesiredWorkspace desired,
        LibvirtRuntimeOptions options,
        string baseImageName,
        string? overlay,
        string? seed,
        string? vncPassword,
        DateTimeOffset created,
        int? rdpHostPort = null)
    {
        var name = WorkspaceNames.Base(desired.Key);
        var vcpus = desired.Container.NanoCpus is { } nano ? (int)Math.Max(1, (nano + 999_999_999) / 1_000_000_000) : options.DefaultVcpus;
        var metadata = new DomainMetadata(desired.Key.Repository, desired.Key.Workspace, desired.SpecHash, desired.Commit, baseImageName, created, desired.Fields)
        {
            HostPorts = rdpHostPort is { } port ? new Dictionary<string, int>(StringComparer.Ordinal) { [RdpPortKey] = port } : new Dictionary<string, int>(),
            HostPortListen = rdpHostPort is null ? null : options.VncListen,
        };
        var (pci, mdev) = Gpus(desired, options, name);
        return new DomainSpec(name, Guid.NewGuid().ToString(), vcpus, desired.Container.MemoryBytes ?? options.DefaultMemoryBytes, overlay, seed, options.Network, metadata)
        {
            VncPassword = desired.Spec.Type == WorkspaceType.Desktop || desired.Spec.Access.Vnc ? vncPassword ?? VncPassword.Generate() : null,
            VncListen = options.VncListen,
            PciHostDevices = pci,
            MediatedDevices = mdev,
            RdpHostPort = rdpHostPort,
        };
    }

    /// <summary>The port key of the RDP forward, as in the Docker label.</summary>
    public const string RdpPortKey = "3389/tcp";

    private static (IReadOnlyList<string> Pci, IReadOnlyList<string> Mdev) Gpus(DesiredWorkspace desired, LibvirtRuntimeOptions options, string name)
    {
        if (desired.Gpu?.Assignment is not { } assignment)
        {
            return ([], []);
        }

        switch (assignment.Mode)
        {
            case GpuMode.Exclusive:
                return (assignment.Gpus.Select(g => options.GpuPciAddresses.TryGetValue(g.DeviceUuid, out var address)
                    ? address
                    : throw new StepFailedException("GpuAddressUnknown", $"GPU {g.DeviceUuid} has no PCI address in the inventory of host {options.HostName}")).ToList(), []);
            case GpuMode.Vgpu:
                return ([], assignment.Gpus.Select(g => MediatedDeviceUuid(name, g.DeviceUuid, assignment.Profile)).ToList());
            default:
                throw new StepFailedException("GpuModeUnsupported", $"GPU mode {WorkspaceVocabulary.ToYaml(assignment.Mode)} cannot be given to a VM (use exclusive or vgpu)");
        }
    }

    /// <summary>A UUID (version 8, name-based on SHA-256) for the vGPU of one workspace on one GPU.</summary>
    internal static string MediatedDeviceUuid(string domainName, string gpuUuid, string? profile)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{domainName}\n{gpuUuid}\n{profile}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }
}
