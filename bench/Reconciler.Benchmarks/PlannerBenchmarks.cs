using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;
using Reconciler.Core.Planning;
using Reconciler.Core.Workspaces;

namespace Reconciler.Benchmarks;

/// <summary>
/// Issue target (b): planning 10,000 desired workspaces against 10,000 observed containers in memory,
/// &lt; 100 ms. The observed set is realistic: 98% unchanged, 1% changed (recreate), 0.5% stopped (start),
/// 0.5% gone from the file (remove) and as many new (create).
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private const int Count = 10_000;
    private List<DesiredWorkspace> _desired = [];
    private List<WorkspaceObservation> _observed = [];

    [GlobalSetup]
    public void Setup()
    {
        var document = new LocatedDocument(new JObject(), new SourceMap("devcontainer.json"));
        DesiredWorkspace Compile(int i, string value)
        {
            var config = new DevcontainerConfig
            {
                Image = "registry.local/dev/base:1",
                ContainerEnv = new Dictionary<string, string> { ["A"] = value, ["INDEX"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                PostCreateCommand = LifecycleCommand.FromShell("make setup"),
                Document = document,
            };
            var spec = new WorkspaceSpec { Name = $"ws-{i:D5}", Resources = new ResourceSpec(2, 4L << 30), Ports = [new PortSpec(8888)] };
            return DesiredStateCompiler.Compile(new CompileRequest(spec, config, ".devcontainer/devcontainer.json", $"github.com/acme/repo-{i % 100}", "c1"), CompilerOptions.Default).Desired!;
        }

        _desired = Enumerable.Range(0, Count).Select(i => Compile(i, "v1")).ToList();
        _observed = [];
        for (var i = 0; i < Count; i++)
        {
            var source = i % 100 == 0 ? Compile(i, "v0") : _desired[i];
            var state = i % 200 == 1 ? ObservedState.Stopped : ObservedState.Running;
            var key = i % 200 == 2 ? source.Key with { Workspace = "gone-" + i } : source.Key;
            _observed.Add(new WorkspaceObservation($"id{i}", $"rc-{i}", key, source.SpecHash, state, "c1", DateTimeOffset.UnixEpoch, source.Fields));
        }
    }

    [Benchmark]
    public int Plan10kAgainst10k() => Planner.Plan(_desired, _observed).Actions.Count;
}
