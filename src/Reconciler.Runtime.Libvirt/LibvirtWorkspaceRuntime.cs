using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Libvirt.Disks;
using Reconciler.Runtime.Libvirt.Domains;
using Reconciler.Runtime.Libvirt.Native;
using Reconciler.Runtime.Libvirt.Observation;

namespace Reconciler.Runtime.Libvirt;

/// <summary>
/// Runs workspaces as KVM domains on one libvirt host, through libvirt's C API (docs/vm.md says why not virsh).
/// Only domains carrying our metadata element (<see cref="DomainMetadata.NamespaceUri"/>) are listed or changed.
/// A workspace's overlay disk is its data: it survives stop, start, recreate and remove, and is deleted only when
/// the caller asks (<see cref="ApplyContext.PruneVolumes"/>), or replaced when the base image changed and the caller
/// confirmed it the same way. <see cref="ApplyAsync"/> never throws except for cancellation.
/// </summary>
public sealed class LibvirtWorkspaceRuntime : IWorkspaceRuntime, IDisposable
{
    private readonly LibvirtRuntimeOptions _options;
    private readonly ILogger<LibvirtWorkspaceRuntime> _logger;
    private readonly MutationCounter _mutations = new();
    private IActivityProbe? _activity;
    private readonly DomainObservationReader _reader;
    private readonly DiskPaths _paths;
    private readonly DiskBuilder _disks;
    private readonly HttpClient _http = new();
    private readonly Images.BaseImageDownloader _images;
    private readonly Lock _connectionLock = new();
    private readonly SemaphoreSlim _portLock = new(1, 1);
    private LibvirtConnection? _connection;

    public LibvirtWorkspaceRuntime(LibvirtRuntimeOptions options, ILogger<LibvirtWorkspaceRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
        _reader = new DomainObservationReader(logger);
        _paths = new DiskPaths(options.ImageDirectory, options.StorageDirectory);
        _disks = new DiskBuilder(options.QemuImg, options.Genisoimage);
        _images = new Images.BaseImageDownloader(options, _http, logger);
    }

    /// <summary>Calls that changed the host (define, start, shutdown, destroy, undefine, disk create/remove, seed build).</summary>
    public long MutatingCalls => _mutations.Value;

    /// <summary>Metadata reads made by observation besides its one list call per pass (one per newly seen definition).</summary>
    public long MetadataReads => _reader.MetadataReads;

    public Task<IReadOnlyList<WorkspaceObservation>> ObserveAsync(string? repository, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var domains = Connected(c => _reader.Read(c, repository));
        return Task.FromResult<IReadOnlyList<WorkspaceObservation>>(domains.Select(d => d.Observation).ToList());
    }

    /// <summary>
    /// Every managed domain of every repository that carries a GPU assignment in its metadata (the <c>gpu</c> field of
    /// its spec), from the one list call: a running domain holds its GPUs, a shut-off one does not (as a stopped
    /// container). The metadata is the truth, so a worker restart loses no assignment.
    /// </summary>
    public Task<IReadOnlyList<Core.Gpu.Placement.GpuHolder>> ObserveGpuHoldersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var domains = Connected(c => _reader.Read(c, null));
        return Task.FromResult<IReadOnlyList<Core.Gpu.Placement.GpuHolder>>(domains
            .Select(d => d.Observation)
            .Where(o => o.Fields?.ContainsKey(Core.Gpu.Placement.GpuPassAllocator.Field) == true)
            .Select(o => Core.Gpu.Docker.GpuLabels.Read(
                    new Dictionary<string, string> { [Core.Gpu.Docker.GpuLabels.Key] = o.Fields![Core.Gpu.Placement.GpuPassAllocator.Field] },
                    o.Key.ToString(),
                    _options.HostName) is { } assignment
                ? new Core.Gpu.Placement.GpuHolder(o.Key, o.Id, assignment, o.State == ObservedState.Running)
                : null)
            .OfType<Core.Gpu.Placement.GpuHolder>()
            .ToList());
    }

    /// <summary>Which running VMs are in use now, from guest CPU time between probes (<see cref="GuestCpuActivityProbe"/>).</summary>
    public IActivityProbe Activity => _activity ??= new GuestCpuActivityProbe(this, _options);

    /// <summary>Total guest CPU time of every managed domain of a repository (null while it is off), from the same single list call; for idle detection.</summary>
    public Task<IReadOnlyList<GuestCpuSample>> ObserveGuestCpuAsync(string? repository, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var at = _options.TimeProvider.GetUtcNow();
        var domains = Connected(c => _reader.Read(c, repository));
        return Task.FromResult<IReadOnlyList<GuestCpuSample>>(domains
            .Select(d => new GuestCpuSample(
                d.Observation.Key,
                d.Observation.State == ObservedState.Running && d.Record.CpuTimeNanoseconds is { } ns ? TimeSpan.FromTicks((long)(ns / 100)) : null,
                at))
            .ToList());
    }

    /// <summary>
    /// The VNC password of a managed desktop workspace, read from libvirt's secure domain XML; null when the workspace
    /// has no managed domain or no VNC. Callers must authorise the requester first; the value is never logged.
    /// </summary>
    public async Task<string?> ReadVncPasswordAsync(WorkspaceKey key, CancellationToken cancellationToken)
        => (await ReadVncAsync(key, cancellationToken))?.Password;

    /// <summary>Password, listen address and port of a managed desktop workspace's VNC; null as for <see cref="ReadVncPasswordAsync"/>.</summary>
    public async Task<VncAccess?> ReadVncAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        var owned = (await ObserveAsync(key.Repository, cancellationToken)).FirstOrDefault(o => o.Key == key);
        return owned is null ? null : Connected(c => VncPassword.Access(c.SecureXml(owned.Name)));
    }

    public async Task<ApplyResult> ApplyAsync(PlanAction action, ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(context);
        if (action.Kind is PlanActionKind.NoOp or PlanActionKind.Blocked or PlanActionKind.Pending)
        {
            return ApplyResult.Ok;
        }

        Log.Applying(_logger, action.Kind.ToString(), action.Key.ToString());
        try
        {
            await ApplyCoreAsync(action, context.PruneVolumes, cancellationToken);
            return ApplyResult.Ok;
        }
        catch (StepFailedException e)
        {
            return Failed(action, ApplyResult.Fail(e.Reason, e.Message, e.ExitCode, e.OutputTail));
        }
        catch (LibvirtException e)
        {
            DropConnection();
            return Failed(action, ApplyResult.Fail("LibvirtError", $"{action.Kind} of {action.Key} failed: {e.Message}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or System.ComponentModel.Win32Exception
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failed(action, ApplyResult.Fail("LibvirtUnavailable", $"{action.Kind} of {action.Key} failed: {e.Message}"));
        }
    }

    public void Dispose()
    {
        DropConnection();
        _http.Dispose();
        _portLock.Dispose();
    }

    private async Task ApplyCoreAsync(PlanAction action, bool pruneDisks, CancellationToken cancellationToken)
    {
        var operations = Connected(c => new DomainOperations(c, _mutations, _options, _logger));
        switch (action.Kind)
        {
            case PlanActionKind.Create:
                await CreateAsync(Require(action.Desired, action), vncPassword: null, heldPorts: null, pruneDisks, cancellationToken);
                break;
            case PlanActionKind.Recreate:
                await RecreateAsync(Require(action.Desired, action), action.Observed, pruneDisks, operations, cancellationToken);
                break;
            case PlanActionKind.Start:
                operations.Start(Owned(Require(action.Observed, action)));
                break;
            case PlanActionKind.Stop:
                await operations.StopAsync(Owned(Require(action.Observed, action)), cancellationToken);
                break;
            case PlanActionKind.Remove:
                var name = WorkspaceNames.Base(action.Key);
                if (action.Observed is { } existing)
                {
                    await operations.UndefineAsync(Owned(existing), cancellationToken);
                }

                DeleteFile(_paths.Seed(name));
                if (pruneDisks)
                {
                    DeleteFile(_paths.Overlay(name));
                }

                Log.Undefined(_logger, name, _paths.Overlay(name), pruneDisks ? "removed" : "kept");
                break;
            default:
                throw new StepFailedException("UnknownAction", $"action {action.Kind} is not supported by the libvirt runtime");
        }
    }

    /// <summary>
    /// Overlay (kept if it exists), seed, define, start. Every file the definition names exists before the define,
    /// and define is atomic, so a process killed anywhere here leaves either no domain (the next pass creates it,
    /// reusing the overlay) or a complete stopped one (the next pass starts it).
    /// </summary>
    private async Task CreateAsync(DesiredWorkspace desired, string? vncPassword, IReadOnlyDictionary<string, int>? heldPorts, bool replaceDisk, CancellationToken cancellationToken)
    {
        string? rdpPassword = null;
        if (desired.Spec.Access.Rdp)
        {
            rdpPassword = _options.RdpPassword is { } read
                ? await read(desired, cancellationToken)
                : throw new StepFailedException("SecretsKeyMissing", $"{desired.Key} has access.rdp, whose generated password is kept sealed in the worker's database: set RECONCILER_SECRETS_KEY or database.secretsKeyFile in the worker configuration (reconciler apply cannot keep it)");
        }


        var name = WorkspaceNames.Base(desired.Key);
        _paths.CheckImageName(desired.Image);
        await _images.EnsureAsync(desired.Image, cancellationToken);
        var baseImage = _paths.BaseImage(desired.Image);
        Directory.CreateDirectory(_options.StorageDirectory);
        var overlay = _paths.Overlay(name);

        // A kept overlay (earlier remove, interrupted recreate) over another base would boot that base: never reuse it silently.
        if (File.Exists(overlay) && await _disks.BackingFileAsync(overlay, cancellationToken) is { } backing && backing != baseImage)
        {
            if (!replaceDisk)
            {
                throw DiskReplacementNotConfirmed(desired, Path.GetFileName(backing), overlay);
            }

            DeleteFile(overlay);
        }

        if (File.Exists(overlay) is false)
        {
            _mutations.Add();
            await _disks.EnsureOverlayAsync(overlay, baseImage, desired.Container.DiskBytes, cancellationToken);
            Log.OverlayCreated(_logger, overlay, baseImage);
        }

        _mutations.Add();
        await _disks.BuildSeedAsync(_paths, name, desired, _options.SshAuthorizedKeys, rdpPassword, cancellationToken);

        // Reading the ports in use and defining happen under one lock, so two creates on this host never pick the same port.
        await _portLock.WaitAsync(cancellationToken);
        string uuid;
        try
        {
            var rdpPort = desired.Spec.Access.Rdp ? AllocateRdpPort(desired.Key, heldPorts ?? new Dictionary<string, int>()) : (int?)null;
            var spec = DomainSpecFactory.Create(desired, _options, desired.Image, overlay, _paths.Seed(name), vncPassword, _options.TimeProvider.GetUtcNow(), rdpPort);
            var xml = DomainXmlRenderer.Render(spec);
            _mutations.Add();
            uuid = Connected(c => c.Define(xml));
        }
        finally
        {
            _portLock.Release();
        }

        Log.Defined(_logger, name, uuid);
        _options.StepCompleted?.Invoke("defined");
        if (desired.Power == PowerState.Running)
        {
            Connected(c => new DomainOperations(c, _mutations, _options, _logger)).Start(name);
            _options.StepCompleted?.Invoke("started");
        }
    }

    /// <summary>
    /// Undefine the old definition (after a graceful stop) and create the new one over the same overlay. When the base
    /// image changed the overlay no longer fits it: it is replaced only if the caller confirmed data loss, otherwise
    /// the action fails before anything is changed.
    /// </summary>
    private async Task RecreateAsync(DesiredWorkspace desired, WorkspaceObservation? observed, bool replaceDisk, DomainOperations operations, CancellationToken cancellationToken)
    {
        var name = WorkspaceNames.Base(desired.Key);
        var overlay = _paths.Overlay(name);
        var oldBase = observed?.Fields is { } fields && fields.TryGetValue("image", out var image) ? image : null;
        var baseChanged = oldBase is not null && oldBase != desired.Image && File.Exists(overlay);
        if (baseChanged && !replaceDisk)
        {
            throw DiskReplacementNotConfirmed(desired, oldBase!, overlay);
        }

        string? password = null;
        IReadOnlyDictionary<string, int>? heldPorts = observed?.HostPorts;
        if (observed is not null)
        {
            var owned = Owned(observed);
            password = Connected(c => VncPassword.Read(c.SecureXml(owned)));

            // Stopped, the disk goes before the definition: a kill in between leaves an old definition without its
            // disk, which the next pass recreates (a new overlay over the new base); never a new domain on the old disk.
            await operations.StopAsync(owned, cancellationToken);
            if (baseChanged)
            {
                DeleteFile(overlay);
            }

            await operations.UndefineAsync(owned, cancellationToken);
        }

        await CreateAsync(desired, password, heldPorts, replaceDisk, cancellationToken);
    }

    /// <summary>
    /// The host port of access.rdp's forward, through the same allocator as Docker's published ports
    /// (<see cref="Core.Access.HostPortAllocator"/>): the ports other managed domains of this host hold (their metadata,
    /// stopped ones included) and, on a local hypervisor, every TCP port something listens on are taken; the port this
    /// workspace held before a recreate is kept while it is free.
    /// </summary>
    private int AllocateRdpPort(WorkspaceKey key, IReadOnlyDictionary<string, int> held)
    {
        var inUse = Connected(c => _reader.Read(c, null))
            .Where(d => d.Observation.Key != key)
            .SelectMany(d => d.Metadata.HostPorts.Values)
            .ToHashSet();
        if (IsLocalHypervisor)
        {
            inUse.UnionWith(System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(e => e.Port));
        }

        return Core.Access.HostPortAllocator.Allocate(key, [DomainSpecFactory.RdpPortKey], held, inUse, _options.PortRange) is { } ports
            ? ports[DomainSpecFactory.RdpPortKey]
            : throw new StepFailedException("NoFreeHostPort", $"no free host port for the RDP forward of {key} in {_options.PortRange} on host {_options.HostName}");
    }

    /// <summary>A connection URI without a host (<c>qemu:///system</c>) runs QEMU on this machine.</summary>
    private bool IsLocalHypervisor => Uri.TryCreate(_options.Uri, UriKind.Absolute, out var uri) && uri.Host.Length == 0;

    private static StepFailedException DiskReplacementNotConfirmed(DesiredWorkspace desired, string oldBase, string overlay)
        => new(
            "DiskReplacementNotConfirmed",
            $"the base image of {desired.Key} changed from '{oldBase}' to '{desired.Image}': its disk {overlay} would be replaced and its data lost; set prune.volumes: true in .daytona/workspace.yaml (or reconciler apply --prune-volumes) to confirm");

    /// <summary>The observed domain's name, after checking it is the name this workspace's key gives (never a foreign domain).</summary>
    private string Owned(WorkspaceObservation observed)
    {
        var expected = WorkspaceNames.Base(observed.Key);
        if (observed.Name != expected)
        {
            Log.NotOwned(_logger, observed.Name, observed.Key.ToString());
            throw new StepFailedException("NotOwned", $"domain {observed.Name} is not the domain of {observed.Key} ({expected})");
        }

        return expected;
    }

    private void DeleteFile(string path)
    {
        if (File.Exists(path))
        {
            _mutations.Add();
            File.Delete(path);
        }
    }

    private T Connected<T>(Func<LibvirtConnection, T> call)
    {
        LibvirtConnection connection;
        lock (_connectionLock)
        {
            connection = _connection ??= new LibvirtConnection(_options.Uri);
        }

        try
        {
            return call(connection);
        }
        catch (LibvirtException e) when (e.Code is 1 or 38 or 39 or 45)
        {
            // Internal, system (socket) or RPC error, or a closed connection: reconnect on the next call.
            DropConnection();
            throw;
        }
    }

    private void DropConnection()
    {
        lock (_connectionLock)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private static T Require<T>(T? value, PlanAction action)
        where T : class
        => value ?? throw new StepFailedException("InvalidAction", $"{action.Kind} of {action.Key} lacks its {(typeof(T) == typeof(DesiredWorkspace) ? "desired workspace" : "observed domain")}");

    private ApplyResult Failed(PlanAction action, ApplyResult result)
    {
        Log.ApplyFailed(_logger, action.Kind.ToString(), action.Key.ToString(), result.Reason!, result.Message!);
        return result;
    }
}

/// <summary>Total guest CPU time of one workspace's domain at <see cref="At"/>; null while the domain is off.</summary>
public sealed record GuestCpuSample(WorkspaceKey Key, TimeSpan? CpuTime, DateTimeOffset At);
