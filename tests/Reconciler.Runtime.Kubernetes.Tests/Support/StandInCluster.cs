using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Kubernetes.StandIn;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Support;

/// <summary>
/// A stand-in API server and a <see cref="KubernetesWorkspaceRuntime"/> built the production way: from a kubeconfig
/// file and context pointing at the stand-in over HTTP. <see cref="PassAsync"/> runs observe → plan → apply.
/// </summary>
public sealed class StandInCluster : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    private StandInCluster(KubernetesStandIn api)
    {
        Api = api;
        Kubeconfig = api.WriteKubeconfig(_directory.Path);
        Configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig, currentContext: "stand-in");
        Runtime = new KubernetesWorkspaceRuntime(Configuration, new KubernetesRuntimeOptions(), NullLogger<KubernetesWorkspaceRuntime>.Instance);
    }

    public const string Repository = "github.com/acme/cluster-tests";

    public KubernetesStandIn Api { get; }

    public string Kubeconfig { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public KubernetesWorkspaceRuntime Runtime { get; }

    public static async Task<StandInCluster> StartAsync() => new(await KubernetesStandIn.StartAsync());

    /// <summary>A workspace of <see cref="Repository"/> with the given deployment, in team <c>tests</c>.</summary>
    public static DesiredWorkspace Workspace(string name, DeploymentKind deployment = DeploymentKind.K8sPod, string image = "registry.example/dev/base:1")
    {
        var desired = DesiredWorkspaces.For(Repository, name, image);
        return desired with { Spec = new WorkspaceSpec { Name = name, Deployment = deployment, Team = "tests" } };
    }

    public async Task<(Plan Plan, IReadOnlyList<ActionResult> Results)> PassAsync(IReadOnlyList<DesiredWorkspace> desired, bool pruneVolumes = false)
    {
        var observed = await Runtime.ObserveAsync(Repository, CancellationToken.None);
        var plan = Planner.Plan(desired, observed, pruneVolumes);
        var results = await PlanExecutor.ExecuteAsync(
            plan, Runtime, new ApplyContext(new EmptyRepository(), pruneVolumes), TimeProvider.System, null, CancellationToken.None);
        return (plan, results);
    }

    public async ValueTask DisposeAsync()
    {
        Runtime.Dispose();
        await Api.DisposeAsync();
        _directory.Dispose();
    }

    private sealed class EmptyRepository : IRepositoryContent
    {
        public string Identity => Repository;

        public string Commit => "0000000000000000000000000000000000000001";

        public string? LocalPath => null;

        public RepositoryFile ReadFile(string path, int maxBytes) => new(path, RepositoryFileStatus.NotFound);

        public IEnumerable<RepositoryEntry> Enumerate(string directory) => [];

        public Stream OpenRead(string path) => throw new FileNotFoundException(path);
    }
}
