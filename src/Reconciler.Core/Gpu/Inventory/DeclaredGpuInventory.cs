using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// A host's GPUs written in the worker configuration instead of discovered: for hosts the worker cannot run
/// nvidia-smi on (VM hypervisors, Kubernetes nodes) and for the vGPU table, which nvidia-smi does not print.
/// </summary>
public sealed record DeclaredGpuInventory
{
    public required string Host { get; init; }

    public IReadOnlyList<DeclaredGpu> Gpus { get; init; } = [];

    /// <summary>Validates and converts; <c>index</c> defaults to the position in the list.</summary>
    public ParseResult<GpuInventory> ToInventory(string source = "worker configuration")
    {
        var diagnostics = new DiagnosticBag();
        var devices = new List<GpuDevice>();
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Gpus.Count; i++)
        {
            var gpu = Gpus[i];
            var where = $"gpus[{i}] of host {MessageText.Quote(Host)}";
            if (string.IsNullOrWhiteSpace(gpu.Uuid) || !uuids.Add(gpu.Uuid))
            {
                diagnostics.Error(DiagnosticCodes.ConfigInvalid, $"{where}: uuid must be set and unique", SourceLocation.StartOf(source));
                continue;
            }

            var bad = gpu.MigProfiles.FirstOrDefault(p => p.Slices < 1 || p.Total < 0 || p.Free > p.Total);
            if (bad is not null)
            {
                diagnostics.Error(DiagnosticCodes.ConfigInvalid, $"{where}: MIG profile {MessageText.Quote(bad.Name)} needs slices ≥ 1 and free ≤ total", SourceLocation.StartOf(source));
                continue;
            }

            var mig = gpu.Mig ? MigMode.Enabled : gpu.MigProfiles.Count > 0 ? MigMode.Disabled : MigMode.NotSupported;
            devices.Add(new GpuDevice(gpu.Index ?? i, gpu.Uuid, gpu.Name, gpu.MemoryMiB, gpu.PciBusId, mig, mig)
            {
                MigProfiles = gpu.MigProfiles,
                MigInstances = gpu.MigInstances,
                VgpuProfiles = gpu.VgpuProfiles,
            });
        }

        if (devices.Select(d => d.Index).Distinct().Count() != devices.Count)
        {
            diagnostics.Error(DiagnosticCodes.ConfigInvalid, $"host {MessageText.Quote(Host)}: GPU indexes must be unique", SourceLocation.StartOf(source));
        }

        return diagnostics.HasErrors
            ? ParseResult<GpuInventory>.Failed(diagnostics.Items)
            : new ParseResult<GpuInventory>(new GpuInventory(Host, [.. devices.OrderBy(d => d.Index)]), diagnostics.Items);
    }
}

/// <summary>One declared GPU; <see cref="Mig"/> says MIG mode is enabled.</summary>
public sealed record DeclaredGpu
{
    public int? Index { get; init; }

    public required string Uuid { get; init; }

    public required string Name { get; init; }

    public long MemoryMiB { get; init; }

    public string? PciBusId { get; init; }

    public bool Mig { get; init; }

    public IReadOnlyList<MigProfile> MigProfiles { get; init; } = [];

    public IReadOnlyList<MigInstance> MigInstances { get; init; } = [];

    public IReadOnlyList<VgpuProfile> VgpuProfiles { get; init; } = [];
}
