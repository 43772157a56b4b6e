using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Kubernetes.StandIn;
using Reconciler.Runtime.Kubernetes;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Tests;

/// <summary>A cluster under <c>runtimes.kubernetes</c> becomes a host of the worker, reached through its kubeconfig.</summary>
public sealed class KubernetesRuntimeSetTests
{
    [Fact]
    public async Task A_configured_cluster_is_a_kubernetes_host_observed_over_its_kubeconfig()
    {
        await using var api = await KubernetesStandIn.StartAsync();
        using var folder = new TempDirectory("reconciler-k8s-config");
        api.WriteKubeconfig(folder.Path, "lab");
        var (settings, diagnostics) = WorkerConfigLoader.Load(folder.Write("reconciler.yaml", string.Join('\n',
            "version: 1",
            "runtimes:",
            "  kubernetes:",
            "    lab: { kubeconfig: kubeconfig, context: lab, namespacePattern: 'team-{team}' }",
            "")));
        Assert.Empty(diagnostics);

        using var runtimes = new RuntimeSet(settings!, NullLoggerFactory.Instance);

        Assert.Equal(["lab"], runtimes.KubernetesHostNames);
        Assert.Contains("default", runtimes.HostNames);
        Assert.IsType<KubernetesWorkspaceRuntime>(runtimes.Runtime("lab"));
        Assert.Empty(await runtimes.Runtime("lab").ObserveAsync("github.com/acme/ml", CancellationToken.None));
        Assert.Contains(api.Requests, r => r.Path == "/apis/apps/v1/deployments" && r.Query.Contains("labelSelector", StringComparison.Ordinal));
    }
}
