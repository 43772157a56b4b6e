using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

public sealed class ReconcilerConfigParserTests
{
    [Fact]
    public void The_documented_example_binds()
    {
        var result = ReconcilerConfigParser.Parse(File.ReadAllText(Examples.Config), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var config = result.Value!;
        Assert.Equal(new DockerEndpointConfig("unix:///var/run/docker.sock"), config.DockerHosts["default"]);
        Assert.Equal(new DockerEndpointConfig("tcp://10.0.0.7:2375"), config.DockerHosts["gpu-node-1"]);
        Assert.Equal(["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"], config.LocalEnvAllowList.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_minimal_config_has_no_hosts_and_an_empty_allow_list()
    {
        var result = ReconcilerConfigParser.Parse("version: 1\n", Yaml.File);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!.DockerHosts);
        Assert.Empty(result.Value.LocalEnvAllowList);
    }

    [Fact]
    public void An_endpoint_with_another_scheme_is_a_located_error()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default: { endpoint: http://10.0.0.7:2375 }"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.InvalidValue);
        Yaml.AssertAt(error, 4, 26);
        Assert.Equal("/runtimes/docker/default/endpoint", error.JsonPointer);
        Assert.Contains("unix:///var/run/docker.sock", error.Message);
    }

    [Fact]
    public void An_npipe_endpoint_is_accepted()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default: { endpoint: \"npipe:////./pipe/docker_engine\" }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Unknown_keys_get_a_suggestion()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "devcontainer:",
            "  localEnvAllowlist: [HOME]"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.UnknownKey);
        Yaml.AssertAt(error, 3, 3);
        Assert.EndsWith("did you mean 'localEnvAllowList'?", error.Message);
    }

    [Fact]
    public void An_endpoint_is_required()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    gpu-node-1: {}"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.MissingRequired);
        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("runtimes.docker.gpu-node-1: missing required key 'endpoint'", error.Message);
    }

    [Fact]
    public void Allow_list_entries_must_be_variable_names()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "devcontainer:",
            "  localEnvAllowList:",
            "    - HTTP_PROXY",
            "    - \"MY VAR\""), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.InvalidValue);
        Yaml.AssertAt(error, 5, 7);
        Assert.Equal("/devcontainer/localEnvAllowList/1", error.JsonPointer);
    }

    [Fact]
    public void Yaml_errors_are_reported_as_for_workspace_files()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "version: 1"), Yaml.File);

        Yaml.AssertAt(Yaml.Single(result.Diagnostics, DiagnosticCodes.DuplicateKey), 2, 1);
        Assert.Null(result.Value);
    }
}
