namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// Puts the outputs of several nvidia-smi commands together into one host's inventory: devices (from
/// <c>-q -x</c> or <c>--query-gpu</c>), MIG profiles (<c>mig -lgip</c>) and MIG instances (<c>mig -lgi</c>)
/// by GPU index. Rows for an index without a device are dropped.
/// </summary>
public static class GpuInventoryComposer
{
    public static GpuInventory Compose(
        string host,
        IReadOnlyList<GpuDevice> devices,
        IReadOnlyList<MigRow<MigProfile>>? profiles = null,
        IReadOnlyList<MigRow<MigInstance>>? instances = null)
        => new(host, [.. devices
            .OrderBy(d => d.Index)
            .Select(d => d with
            {
                MigProfiles = profiles is null ? d.MigProfiles : [.. profiles.Where(p => p.GpuIndex == d.Index).Select(p => p.Value)],
                MigInstances = instances is null ? d.MigInstances : [.. instances.Where(p => p.GpuIndex == d.Index).Select(p => p.Value)],
            })]);
}
