using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Reconciler.Core.Configuration;
using Reconciler.Core.Documents;
using Reconciler.Runtime.Kubernetes.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Deploy;

/// <summary>The Helm-free manifests in deploy/kubernetes validate against the official schemas and run the worker as "restricted".</summary>
public sealed class DeployManifestTests
{
    private static string Folder => Path.Combine(TestPaths.RepositoryRoot, "deploy", "kubernetes");

    [Fact]
    public async Task Every_manifest_validates_against_the_official_schemas()
    {
        var objects = Manifests();
        Assert.Equal(
            ["ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "Namespace", "Role", "RoleBinding", "Service", "ServiceAccount"],
            objects.Select(o => o["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var verdicts = await KubernetesSchemas.ValidateAsync(new JsonArray([.. objects.Select(o => o.DeepClone())]));

        Assert.True(verdicts.All(v => v.Ok), string.Join("\n", verdicts.Where(v => !v.Ok).Select(v => $"{v.Kind} {v.Name}: {string.Join("; ", v.Errors)}")));
    }

    [Fact]
    public void The_worker_pod_meets_pod_security_restricted()
    {
        var deployment = KubernetesJson.Deserialize<V1Deployment>(Manifests().Single(o => o["kind"]!.GetValue<string>() == "Deployment").ToJsonString());

        Assert.Empty(RestrictedProfile.Violations(deployment.Spec.Template.Spec));
    }

    [Fact]
    public void The_embedded_worker_configuration_is_valid_and_uses_the_in_cluster_account()
    {
        var map = Manifests().Single(o => o["kind"]!.GetValue<string>() == "ConfigMap");
        var result = ReconcilerConfigParser.Parse(map["data"]!["reconciler.yaml"]!.GetValue<string>(), "configmap.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(result.Value!.KubernetesClusters["default"].InCluster);
        Assert.Equal("default", result.Value.LeaderElection?.Cluster);
    }

    private static List<JsonObject> Manifests()
    {
        var objects = new List<JsonObject>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var text in File.ReadAllText(file).Split("\n---\n"))
            {
                var read = YamlDocumentReader.Read(text, file);
                Assert.True(read.Succeeded, string.Join("\n", read.Diagnostics));
                objects.Add(JsonNode.Parse(read.Value!.Root.ToString())!.AsObject());
            }
        }

        return objects;
    }
}
