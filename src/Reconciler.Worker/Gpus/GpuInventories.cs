using Microsoft.Extensions.Logging;
using Reconciler.Core.Configuration;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Gpus;

/// <summary>What is known of one host's GPUs: the last inventory read (kept when a later read fails) and the last error.</summary>
internal sealed record HostInventoryState(string Host, GpuInventorySourceKind Source, GpuInventory? Inventory, DateTimeOffset? ReadAt, string? Error);

/// <summary>
/// The GPU inventory of every Docker host and libvirt host that has a source in the configuration, cached: a declared inventory is
/// converted once; a command or Docker probe is run at start-up (<see cref="RefreshAsync"/>) and again when the
/// cached one is older than its <c>refreshInterval</c>, never on every pass. A failed read keeps the last good
/// inventory; a host never read successfully has none (its GPU requests are pending with that reason).
/// </summary>
internal sealed class GpuInventories
{
    private readonly Dictionary<string, GpuInventoryConfig> _sources;
    private readonly RuntimeSet _runtimes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, HostInventoryState> _states = new(StringComparer.Ordinal);

    public GpuInventories(ReconcilerConfig config, RuntimeSet runtimes, TimeProvider time, ILogger<GpuInventories> logger)
    {
        _sources = config.DockerHosts
            .Where(h => h.Value.Gpus is not null)
            .Select(h => KeyValuePair.Create(h.Key, h.Value.Gpus!))
            .Concat(config.LibvirtHosts.Where(h => h.Value.Gpus is not null).Select(h => KeyValuePair.Create(h.Key, h.Value.Gpus!)))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        _runtimes = runtimes;
        _time = time;
        _logger = logger;
    }

    /// <summary>True when some host has a GPU source: without one every GPU request is pending.</summary>
    public bool Any => _sources.Count > 0;

    public IReadOnlyList<HostInventoryState> States
    {
        get
        {
            lock (_states)
            {
                return [.. _states.Values.OrderBy(s => s.Host, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The inventories, reading again those whose cache is stale.</summary>
    public async Task<IReadOnlyList<GpuInventory>> GetAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(force: false, cancellationToken);
        return [.. States.Where(s => s.Inventory is not null).Select(s => s.Inventory!)];
    }

    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var (host, source) in _sources.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                HostInventoryState? state;
                lock (_states)
                {
                    _states.TryGetValue(host, out state);
                }

                var now = _time.GetUtcNow();
                if (!force && state?.ReadAt is { } at && (source.Kind == GpuInventorySourceKind.Declared || now - at < source.RefreshInterval))
                {
                    continue;
                }

                var (inventory, error, from) = await GpuInventoryReader.ReadAsync(host, source, _runtimes.HostNames.Contains(host) ? _runtimes[host] : null, cancellationToken);
                if (error is null)
                {
                    Log.InventoryRead(_logger, host, from, inventory!.Devices.Count);
                }
                else
                {
                    Log.InventoryFailed(_logger, host, from, error);
                }

                lock (_states)
                {
                    _states[host] = new HostInventoryState(host, source.Kind, inventory ?? state?.Inventory, error is null ? now : state?.ReadAt ?? now, error);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
