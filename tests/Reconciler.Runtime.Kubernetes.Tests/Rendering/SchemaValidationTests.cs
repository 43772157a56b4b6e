using System.Text.Json.Nodes;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Kubernetes.Rendering;
using Reconciler.Runtime.Kubernetes.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Rendering;

/// <summary>
/// Every object the renderer produces validates against the official Kubernetes schemas (kubernetes-models validators,
/// generated from the Kubernetes OpenAPI). Unknown fields cannot occur: objects are serialized from the client's typed
/// models, generated from the same OpenAPI; the validators check types, required fields and formats.
/// </summary>
public sealed class SchemaValidationTests
{
    [Fact]
    public async Task Every_golden_case_validates()
    {
        var rendered = RenderCases.All().Select(c => (c.ToString(), WorkspaceRenderer.Render(c.Desired, c.Options))).ToList();
        await AssertValidAsync(rendered);
    }

    [Fact]
    public async Task The_repository_examples_validate_as_k8s_pod_and_k8s_stateful()
    {
        using var docs = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(docs.Path, ".daytona"));
        Directory.CreateDirectory(Path.Combine(docs.Path, ".devcontainer"));
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "docs", "examples", "workspace.yaml"), Path.Combine(docs.Path, ".daytona", "workspace.yaml"));
        File.WriteAllText(Path.Combine(docs.Path, ".devcontainer", "devcontainer.json"), """{ "image": "registry.example/cuda:12" }""");
        var examples = RenderCases.Compile(docs.Path).Concat(RenderCases.Compile(Path.Combine(TestPaths.RepositoryRoot, "examples", "demo"))).ToList();
        Assert.NotEmpty(examples);

        var options = new KubernetesRenderOptions { MaxPodSecurity = PodSecurityLevel.Baseline };
        var rendered = new List<(string, RenderedWorkspace)>();
        foreach (var desired in examples)
        {
            foreach (var kind in new[] { DeploymentKind.K8sPod, DeploymentKind.K8sStateful })
            {
                var variant = desired with { Spec = desired.Spec with { Deployment = kind } };
                rendered.Add(($"{desired.Key} as {kind}", WorkspaceRenderer.Render(variant, options)));
                rendered.Add(($"{desired.Key} as {kind}, stopped", WorkspaceRenderer.Render(variant with { Power = PowerState.Stopped }, options)));
            }
        }

        await AssertValidAsync(rendered);
    }

    [Fact]
    public async Task Edge_cases_validate()
    {
        var longName = new string('w', 63);
        var baseline = DesiredWorkspaces.For("https://git.example.com/" + new string('r', 120) + ".git", longName);
        var edge = new List<DesiredWorkspace>
        {
            baseline with { Spec = new WorkspaceSpec { Name = longName, Deployment = DeploymentKind.K8sStateful, Team = "Research & Development / EU" } },
            baseline with
            {
                Spec = new WorkspaceSpec
                {
                    Name = longName,
                    Deployment = DeploymentKind.K8sPod,
                    Resources = new ResourceSpec(0.001, 1_500_000_001, 1),
                    Gpu = new GpuSpec(GpuMode.Exclusive, 0),
                    Ports = [new PortSpec(1, "a-name-longer-than-fifteen", PortExposure.Public), new PortSpec(65535)],
                },
                Container = baseline.Container with
                {
                    ContainerUser = "4294967294:0",
                    Env = new Dictionary<string, string> { ["EMPTY"] = "", ["WITH=EQUALS"] = "a=b", ["UNICODE"] = "ü €" },
                    Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "ok", ["bad key!"] = "dropped", ["valid"] = "bad value!" },
                },
            },
        };
        await AssertValidAsync([.. edge.Select(d => (d.Key.ToString(), WorkspaceRenderer.Render(d, new KubernetesRenderOptions { PublicExposure = PublicExposure.Ingress })))]);
    }

    [Fact]
    public async Task The_validators_reject_a_broken_object()
    {
        var testCase = RenderCases.All().First();
        var objects = RenderedJson.Objects(WorkspaceRenderer.Render(testCase.Desired, testCase.Options));
        var workload = objects[1]!.AsObject();
        workload["spec"]!.AsObject().Remove("selector");
        workload["spec"]!["replicas"] = "one";

        var verdicts = await KubernetesSchemas.ValidateAsync(objects);

        Assert.False(verdicts[1].Ok);
        Assert.Contains("selector", verdicts[1].Errors.Single(), StringComparison.Ordinal);
        Assert.True(verdicts[0].Ok);
    }

    private static async Task AssertValidAsync(IReadOnlyList<(string Label, RenderedWorkspace Rendered)> rendered)
    {
        var objects = new JsonArray();
        var owners = new List<string>();
        foreach (var (label, workspace) in rendered)
        {
            foreach (var node in RenderedJson.Objects(workspace).Select(n => n!.DeepClone()))
            {
                objects.Add(node);
                owners.Add(label);
            }
        }

        var verdicts = await KubernetesSchemas.ValidateAsync(objects);
        Assert.Equal(objects.Count, verdicts.Count);
        var failures = verdicts.Where(v => !v.Ok).Select(v => $"{owners[v.Index]}: {v.Kind} {v.Name}: {string.Join("; ", v.Errors)}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
