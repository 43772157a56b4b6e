using Reconciler.Core.Configuration;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary><c>runtimes.kubernetes</c>: clusters by name, located errors for what the schema cannot say.</summary>
public sealed class KubernetesClustersSectionTests
{
    [Fact]
    public void Clusters_bind_with_their_rendering_settings_and_defaults()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default: { endpoint: unix:///var/run/docker.sock }",
            "  kubernetes:",
            "    gpu-cluster:",
            "      kubeconfig: secrets/kubeconfig",
            "      context: prod",
            "      namespacePattern: ws-{team}",
            "      maxPodSecurity: baseline",
            "      publicExposure: ingress",
            "      ingressDomain: dev.example.com",
            "      ingressClassName: nginx",
            "      storageClassName: fast",
            "      createNamespaces: false",
            "    home:",
            "      inCluster: true"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var clusters = result.Value!.KubernetesClusters;
        Assert.Equal(
            new KubernetesClusterConfig
            {
                Kubeconfig = "secrets/kubeconfig", Context = "prod", NamespacePattern = "ws-{team}", MaxPodSecurity = PodSecurityProfile.Baseline,
                PublicViaIngress = true, IngressDomain = "dev.example.com", IngressClassName = "nginx", StorageClassName = "fast", CreateNamespaces = false,
            },
            clusters["gpu-cluster"]);
        Assert.Equal(new KubernetesClusterConfig { InCluster = true }, clusters["home"]);
    }

    [Theory]
    [InlineData("    c: { context: prod }", 3, "say how to reach the cluster")]
    [InlineData("    c: { kubeconfig: k, inCluster: true }", 3, "not both")]
    [InlineData("    c: { inCluster: true, context: prod }", 3, "context selects a kubeconfig context")]
    [InlineData("    c: { kubeconfig: k, publicExposure: ingress }", 3, "needs ingressDomain")]
    public void What_the_schema_cannot_say_is_an_error_at_its_line(string line, int errorLine, string message)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "runtimes:", "  kubernetes:", line), Yaml.File);

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("runtimes.kubernetes.c", error.Message, StringComparison.Ordinal);
        Assert.Equal(errorLine + 1, error.Location!.Line);
    }

    [Fact]
    public void A_name_that_is_also_a_docker_endpoint_is_an_error()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker: { edge: { endpoint: tcp://10.0.0.7:2375 } }",
            "  kubernetes:",
            "    edge: { inCluster: true }"), Yaml.File);

        Assert.Contains("also a Docker endpoint", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_and_values_are_schema_errors()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  kubernetes:",
            "    c: { inCluster: true, maxPodSecurity: anything, namespace: x }"), Yaml.File);

        Assert.Equal(2, result.Diagnostics.Count);
    }
}
