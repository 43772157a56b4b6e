using BenchmarkDotNet.Attributes;
using k8s;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;
using Reconciler.Core.Planning;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Benchmarks;

/// <summary>
/// Issue 7 target: render + diff for 10,000 Kubernetes workspaces &lt; 500 ms. Half k8s_pod, half k8s_stateful, each
/// with resources, a GPU request (exclusive, MIG or shared by turns), a pvc or nfs storage entry and a port. Diff is the
/// planner against 10,000 observed workloads (98 % unchanged, 1 % changed, 0.5 % stopped, 0.5 % gone).
/// <see cref="RenderAndSerialize10k"/> also writes every object as the JSON an apply sends (the cost of a full re-apply).
/// </summary>
[MemoryDiagnoser]
public class KubernetesRenderBenchmarks
{
    private const int Count = 10_000;
    private readonly KubernetesRenderOptions _options = new() { MaxPodSecurity = PodSecurityLevel.Baseline };
    private List<DesiredWorkspace> _desired = [];
    private List<WorkspaceObservation> _observed = [];

    [GlobalSetup]
    public void Setup()
    {
        var document = new LocatedDocument(new JObject(), new SourceMap("devcontainer.json"));
        var options = new CompilerOptions(new HashSet<string>(StringComparer.Ordinal) { "default" })
        {
            KubernetesHosts = new HashSet<string>(StringComparer.Ordinal) { "default" },
        };
        DesiredWorkspace Compile(int i, string value)
        {
            var config = new DevcontainerConfig
            {
                Image = "registry.local/dev/cuda:12",
                ContainerEnv = new Dictionary<string, string> { ["A"] = value, ["INDEX"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Document = document,
            };
            var stateful = i % 2 == 1;
            var spec = new WorkspaceSpec
            {
                Name = $"ws-{i:D5}",
                Team = $"team-{i % 20}",
                Deployment = stateful ? DeploymentKind.K8sStateful : DeploymentKind.K8sPod,
                Resources = new ResourceSpec(2, 4L << 30, 20L << 30),
                Gpu = (i % 3) switch
                {
                    0 => new GpuSpec(GpuMode.Exclusive, 1, "NVIDIA H100 80GB HBM3"),
                    1 => new GpuSpec(GpuMode.Mig, 1, Profile: "1g.10gb"),
                    _ => new GpuSpec(GpuMode.Shared, 1),
                },
                Storage = stateful
                    ? [new StorageSpec("home", StorageType.Pvc, "/home/dev", 50L << 30)]
                    : [new StorageSpec("data", StorageType.Nfs, "/data", Server: "10.0.0.5", Path: "/exports", ReadOnly: true)],
                Ports = [new PortSpec(8888, "jupyter", i % 10 == 0 ? PortExposure.Public : PortExposure.Internal)],
            };
            return DesiredStateCompiler.Compile(new CompileRequest(spec, config, ".devcontainer/devcontainer.json", $"github.com/acme/repo-{i % 100}", "c1"), options).Desired!;
        }

        _desired = [.. Enumerable.Range(0, Count).Select(i => Compile(i, "v1"))];
        _observed = [];
        for (var i = 0; i < Count; i++)
        {
            var source = i % 100 == 0 ? Compile(i, "v0") : _desired[i];
            var state = i % 200 == 1 ? ObservedState.Stopped : ObservedState.Running;
            var key = i % 200 == 2 ? source.Key with { Workspace = "gone-" + i } : source.Key;
            _observed.Add(new WorkspaceObservation($"ns/Deployment/rc-{i}", $"rc-{i}", key, source.SpecHash, state, "c1", DateTimeOffset.UnixEpoch, source.Fields));
        }

        if (_desired.Any(d => d.Unsupported.Count > 0) || _desired.Select(d => WorkspaceRenderer.Render(d, _options)).Any(r => r.Problems.Count > 0))
        {
            throw new InvalidOperationException("benchmark workspaces must be renderable");
        }
    }

    [Benchmark]
    public int RenderAndPlan10k()
    {
        var objects = 0;
        foreach (var desired in _desired)
        {
            objects += WorkspaceRenderer.Render(desired, _options).AllObjects().Count();
        }

        return objects + Planner.Plan(_desired, _observed).Actions.Count;
    }

    [Benchmark]
    public long RenderAndSerialize10k()
    {
        long bytes = 0;
        foreach (var desired in _desired)
        {
            foreach (var item in WorkspaceRenderer.Render(desired, _options).AllObjects())
            {
                bytes += KubernetesJson.Serialize(item).Length;
            }
        }

        return bytes;
    }
}
