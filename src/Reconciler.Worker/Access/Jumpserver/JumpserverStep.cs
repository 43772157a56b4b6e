using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Access;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary>
/// The access step of a reconcile pass, after apply: every <c>access.jumpserver</c> workspace that exists is registered
/// with Jumpserver (its SSH/RDP/VNC host ports at the host's address) and granted to its owner; a removed workspace, or
/// one that no longer asks for it, is deregistered. A failure never touches the workspace: it keeps running, gets the
/// condition <c>Degraded</c>, and the pass asks to be retried after <c>retryInterval</c>. What was registered is kept by
/// what it was registered with, in memory and in the database (<see cref="Storage.Sqlite.IJumpserverRegistrationStore"/>), so an
/// unchanged workspace costs no call, also after a restart. At its first pass a started worker reads the registrations
/// back: one whose workspace is no longer wanted is deregistered by its repository's pass, and one whose repository is no
/// longer configured (removed while the worker was down) by the first pass of any repository (the sweep).
/// </summary>
internal sealed class JumpserverStep(
    JumpserverSettings? settings,
    RuntimeSet runtimes,
    WorkerSettings worker,
    IStateStore store,
    TimeProvider time,
    ILogger<JumpserverStep> logger,
    Storage.Sqlite.IJumpserverRegistrationStore? registrations = null,
    Func<string, bool>? isConfigured = null)
{
    private readonly ConcurrentDictionary<WorkspaceKey, (string Fingerprint, string AssetId)> _registered = new();
    private readonly ConcurrentDictionary<WorkspaceKey, byte> _pendingRemoval = new();
    private readonly JumpserverRegistrar? _registrar = settings is null ? null : new JumpserverRegistrar(Client(settings, time), settings, time);
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Where the owner opens a registered workspace in Jumpserver's web terminal (Luna); null when not registered.</summary>
    public string? AssetUrl(WorkspaceKey key)
        => settings is not null && _registered.TryGetValue(key, out var registered)
            ? new Uri(settings.Config.Url, $"/luna/?login_to={registered.AssetId}&type=asset").ToString()
            : null;

    /// <summary>Returns how soon the pass should run again because something failed; null when everything is registered as wanted.</summary>
    public async Task<TimeSpan?> SyncAsync(string repository, IReadOnlyList<DesiredWorkspace> desired, Plan plan, string commit, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var wanted = desired.Where(d => d.Spec.Access.Jumpserver && d.Unsupported.Count == 0 && d.PolicyViolations.Count == 0).ToList();
        var wantedKeys = wanted.Select(d => d.Key).ToHashSet();
        foreach (var key in plan.Actions.Where(a => a.Kind == PlanActionKind.Remove).Select(a => a.Key)
                     .Concat(_registered.Keys.Where(k => k.Repository == repository && !wantedKeys.Contains(k))))
        {
            _pendingRemoval[key] = 0;
        }

        var removals = _pendingRemoval.Keys.Where(k => (k.Repository == repository && !wantedKeys.Contains(k)) || !Configured(k.Repository)).ToList();
        if (wanted.Count == 0 && removals.Count == 0)
        {
            return null;
        }

        if (_registrar is null)
        {
            foreach (var workspace in wanted)
            {
                await DegradedAsync(workspace.Key, "JumpserverNotConfigured", "access.jumpserver is set but the worker configuration has no access.jumpserver section (docs/access.md)", commit, cancellationToken);
            }

            return null;
        }

        var retry = settings!.Config.RetryInterval;
        var failed = false;
        if (wanted.Count > 0)
        {
            HostedObservations hosts;
            try
            {
                hosts = await runtimes.ObserveAsync(repository, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The pass itself observed a moment ago; an engine that stopped answering since is retried like an outage.
                Log.ObserveFailed(logger, repository, e.Message, retry);
                return retry;
            }

            foreach (var workspace in wanted)
            {
                if (hosts.Observed.FirstOrDefault(o => o.Key == workspace.Key) is { } observed)
                {
                    failed |= !await RegisterAsync(workspace, observed, hosts.HostOf.GetValueOrDefault(observed.Id, HostedObservations.DefaultHost), commit, cancellationToken);
                }
            }
        }

        foreach (var key in removals)
        {
            try
            {
                await _registrar.DeregisterAsync(key, cancellationToken);
                if (registrations is not null)
                {
                    await registrations.ForgetAsync(key.Repository, key.Workspace, cancellationToken);
                }

                _registered.TryRemove(key, out _);
                _pendingRemoval.TryRemove(key, out _);
                Log.Deregistered(logger, key.ToString());
            }
            catch (Exception e) when (IsOutage(e, cancellationToken))
            {
                failed = true;
                Log.DeregistrationFailed(logger, key.ToString(), e.Message, retry);
            }
        }

        return failed ? retry : null;
    }

    private async Task<bool> RegisterAsync(DesiredWorkspace workspace, WorkspaceObservation observed, string host, string commit, CancellationToken cancellationToken)
    {
        var key = workspace.Key;
        // A tcp:// engine is reached at its host; a local socket's host at access.jumpserver.address (default 127.0.0.1).
        var endpoint = worker.DockerEndpoints.GetValueOrDefault(host);
        var address = endpoint is not null && endpoint.StartsWith("tcp://", StringComparison.Ordinal)
            ? ConnectionInfoReader.Address(endpoint)
            : settings!.Config.Address ?? "127.0.0.1";
        var protocols = JumpserverAssets.Protocols
            .Where(p => observed.HostPorts.ContainsKey(p.Key))
            .Select(p => (p.Protocol, observed.HostPorts[p.Key]))
            .ToList();
        var fingerprint = $"{address}|{workspace.Spec.Owner}|{string.Join(',', protocols)}";
        if (_registered.TryGetValue(key, out var known) && known.Fingerprint == fingerprint)
        {
            return true;
        }

        try
        {
            if (workspace.Spec.Owner is not { } owner)
            {
                throw new JumpserverException("JumpserverOwnerMissing", "access.jumpserver grants the asset to the workspace's owner, and it names none (owner: in workspace.yaml)");
            }

            var assetId = await _registrar!.RegisterAsync(key, owner, address, protocols, cancellationToken);
            if (registrations is not null)
            {
                await registrations.SetAsync(new JumpserverRegistration(key.Repository, key.Workspace, assetId, fingerprint, time.GetUtcNow()), cancellationToken);
            }

            _registered[key] = (fingerprint, assetId);
            Log.Registered(logger, key.ToString(), assetId, string.Join(", ", protocols.Select(p => $"{p.Protocol}:{p.Item2}")));
            await store.SetConditionsAsync(key, [new ConditionUpdate(WorkspaceConditionType.Degraded, false, "JumpserverRegistered", $"registered with Jumpserver as asset {assetId}", commit)], cancellationToken);
            return true;
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            var reason = e is JumpserverException refused ? refused.Reason : "JumpserverUnavailable";
            Log.RegistrationFailed(logger, key.ToString(), reason, e.Message, settings!.Config.RetryInterval);
            await DegradedAsync(key, reason, "Jumpserver registration failed: " + e.Message, commit, cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// Once per process, before the first pass uses it: the registrations kept in the database become the known ones, and
    /// those of repositories no longer configured are queued for deregistration.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded || registrations is null || _registrar is null)
        {
            return;
        }

        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            var kept = await registrations.ListAsync(cancellationToken);
            var orphans = 0;
            foreach (var registration in kept)
            {
                var key = new WorkspaceKey(registration.Repository, registration.Workspace);
                _registered.TryAdd(key, (registration.Fingerprint, registration.AssetId));
                if (!Configured(registration.Repository))
                {
                    _pendingRemoval[key] = 0;
                    orphans++;
                }
            }

            Log.RegistrationsLoaded(logger, kept.Count, orphans);
            _loaded = true;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    /// <summary>Whether a repository (or the repository of a preview scope, <c>REPO#pr-N</c>) is configured; all are when unknown.</summary>
    private bool Configured(string repository)
    {
        var hash = repository.IndexOf('#', StringComparison.Ordinal);
        return isConfigured?.Invoke(hash < 0 ? repository : repository[..hash]) ?? true;
    }

    private Task DegradedAsync(WorkspaceKey key, string reason, string message, string commit, CancellationToken cancellationToken)
        => store.SetConditionsAsync(key, [new ConditionUpdate(WorkspaceConditionType.Degraded, true, reason, message, commit)], cancellationToken);

    private static bool IsOutage(Exception e, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or JumpserverException or System.Text.Json.JsonException;

    private static JumpserverClient Client(JumpserverSettings settings, TimeProvider time)
    {
        var handler = new HttpSignatureHandler(settings.KeyId, System.Text.Encoding.UTF8.GetBytes(settings.KeySecret), settings.Config.Org, time)
        {
            InnerHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) },
        };
        return new JumpserverClient(new HttpClient(handler) { BaseAddress = settings.Config.Url, Timeout = TimeSpan.FromSeconds(15) });
    }
}
