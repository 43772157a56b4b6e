using BenchmarkDotNet.Attributes;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Policies;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Workspaces;

namespace Reconciler.Benchmarks;

/// <summary>
/// Issue target: the default policy set (policies/*.yaml) over effective workspace documents, at least 20,000
/// documents per second on one core. Documents are built once; the benchmark measures evaluation only. With
/// <see cref="ViolatingPercent"/> = 25 a quarter of them violate several policies (privileged, host network, extra
/// capabilities, docker.sock, root), the rest comply; with 0 all comply.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    internal const int Documents = 1_000;
    private IReadOnlyList<Policy> _policies = [];
    private IReadOnlyList<Policy> _wholeDocument = [];
    private List<EffectiveWorkspace> _workspaces = [];

    /// <summary>Share of documents that violate several policies (each violation is located and its message rendered).</summary>
    [Params(0, 25)]
    public int ViolatingPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = FindPolicies();
        var parsed = PolicyParser.ParseAll(Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))));
        _policies = parsed.Value ?? throw new InvalidOperationException(string.Join("\n", parsed.Diagnostics));
        _wholeDocument = [.. _policies.Select(p => p with { WhenWalk = null, Rule = p.Rule is SchemaRule rule ? new SchemaRule(rule.Schema) : p.Rule })];
        var file = WorkspaceFileParser.Parse("""
            version: 1
            defaults: { team: ml, resources: { cpu: 4, memory: 16Gi } }
            workspaces:
              - name: dev
                ports: [{ port: 8080 }]
                lifecycle: { policy: on_demand }
            """, ".daytona/workspace.yaml").Value!;
        const string compliant = """
            { "image": "mcr.microsoft.com/devcontainers/python:3", "remoteUser": "vscode",
              "containerEnv": { "TZ": "${localEnv:TZ}" }, "mounts": ["type=volume,source=cache,target=/cache"],
              "runArgs": ["--cpus=2", "--memory=4g", "--cap-add=NET_BIND_SERVICE"] }
            """;
        const string violating = """
            { "image": "quay.io/acme/dev:1", "privileged": true, "capAdd": ["SYS_ADMIN"],
              "runArgs": ["--network=host", "-v", "/var/run/docker.sock:/var/run/docker.sock"], "initializeCommand": "x" }
            """;
        var configs = new[] { compliant, violating }
            .Select(text => DevcontainerParser.Parse(text, ".devcontainer/devcontainer.json", SubstitutionContext.Empty("/src/repo", "id")).Value!)
            .ToArray();
        _workspaces = [.. Enumerable.Range(0, Documents).Select(i => EffectiveWorkspaceBuilder.Build(file, 0, configs[i % 100 < ViolatingPercent ? 1 : 0], $"github.com/acme/repo-{i}", "/src/repo"))];
    }

    /// <summary>One operation = one document through all policies (each repository evaluated on its own, as the loader does).</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public int EvaluateDefaultSet() => EvaluateAll(_policies);

    /// <summary>The peer: the same policies with NJsonSchema validating each whole document (no <c>SchemaWalk</c>), as before it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Documents)]
    public int EvaluateDefaultSetWholeDocument() => EvaluateAll(_wholeDocument);

    private int EvaluateAll(IReadOnlyList<Policy> policies)
    {
        var violations = 0;
        foreach (var workspace in _workspaces)
        {
            violations += PolicyEvaluator.Evaluate(policies, [workspace]).Count;
        }

        return violations;
    }

    private static string FindPolicies()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reconciler.sln")))
            {
                return Path.Combine(directory.FullName, "policies");
            }
        }

        throw new DirectoryNotFoundException("policies/ not found above " + AppContext.BaseDirectory);
    }
}
