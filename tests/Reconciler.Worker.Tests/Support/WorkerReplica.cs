using Microsoft.Extensions.DependencyInjection;
using Reconciler.Core.State;
using Reconciler.Kubernetes.StandIn;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Hosting;
using Reconciler.Worker.Leadership;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// One worker replica for leader-election tests: the real worker host in its own folder (its own database), with the
/// same <c>reconciler.yaml</c> as its peers except <c>identity</c>, and its own kubeconfig to the stand-in whose token is
/// <c>token-&lt;identity&gt;</c>, so the stand-in's request log tells the replicas apart and can cut one off.
/// </summary>
internal sealed class WorkerReplica : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly StringWriter _log = new();

    // TextWriter.Synchronized locks on the wrapper; reads of the log lock the same object.
    private readonly TextWriter _writer;
    private WorkerHost? _host;

    private WorkerReplica(string identity, TempDirectory folder, WorkerHost host)
    {
        Identity = identity;
        _writer = TextWriter.Synchronized(_log);
        _folder = folder;
        _host = host;
    }

    public string Identity { get; }

    public string Token => "token-" + Identity;

    public bool Running => _host is not null;

    public bool IsLeader => _host?.Services.GetRequiredService<WorkerLeadership>().IsLeader ?? false;

    public IStateStore Store => _host!.Services.GetRequiredService<IStateStore>();

    public Uri Address => _host!.Address;

    public string Log
    {
        get
        {
            lock (_writer)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="configYaml">The shared configuration; <c>{identity}</c> is replaced by this replica's identity.</param>
    public static async Task<WorkerReplica> StartAsync(KubernetesStandIn api, string identity, string configYaml)
    {
        var folder = new TempDirectory("reconciler-replica");
        api.WriteKubeconfig(folder.Path, "lab", "token-" + identity);
        var (settings, diagnostics) = WorkerConfigLoader.Load(folder.Write("reconciler.yaml", configYaml.Replace("{identity}", identity, StringComparison.Ordinal)));
        Assert.True(settings is not null, string.Join('\n', diagnostics));
        var replica = new WorkerReplica(identity, folder, null!);
        var host = await WorkerHost.BuildAsync(settings!, new WorkerHostOptions { LogOutput = replica._writer, Verbose = true }, CancellationToken.None);
        replica._host = host;
        await host.StartAsync(CancellationToken.None);
        return replica;
    }

    /// <summary>Stops the host; the Lease is not released, as when a Pod is killed.</summary>
    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync(CancellationToken.None);
            await host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }
}
