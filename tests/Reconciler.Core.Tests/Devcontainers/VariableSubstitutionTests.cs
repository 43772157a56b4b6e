using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class VariableSubstitutionTests
{
    private static readonly SubstitutionContext WithEnv = new(
        "/src/my-app",
        "dc-id-1",
        new Dictionary<string, string> { ["GIT_USER"] = "ada", ["SECRET"] = "s3cr3t" },
        new HashSet<string> { "GIT_USER", "MISSING" });

    [Theory]
    [InlineData("${localWorkspaceFolder}", "/src/my-app")]
    [InlineData("${localWorkspaceFolderBasename}", "my-app")]
    [InlineData("${containerWorkspaceFolder}", "/workspaces/my-app")]
    [InlineData("${containerWorkspaceFolderBasename}", "my-app")]
    [InlineData("${devcontainerId}", "dc-id-1")]
    [InlineData("${localEnv:GIT_USER}", "ada")]
    [InlineData("${env:GIT_USER}", "ada")]
    [InlineData("${localEnv:MISSING}", "")]
    [InlineData("${localEnv:MISSING:fallback}", "fallback")]
    [InlineData("${containerEnv:PATH}:/opt/bin", "${containerEnv:PATH}:/opt/bin")]
    [InlineData("a-${devcontainerId}-b-${localWorkspaceFolderBasename}", "a-dc-id-1-b-my-app")]
    [InlineData("no variables", "no variables")]
    public void Substitutes_known_variables(string written, string expected)
        => Assert.Equal(expected, Devcontainer.Clean($$"""{ "image": "x", "containerEnv": { "V": "{{written}}" } }""", WithEnv).ContainerEnv["V"]);

    [Fact]
    public void ContainerWorkspaceFolder_follows_the_substituted_workspaceFolder()
    {
        var config = Devcontainer.Clean("""
            { "image": "x", "workspaceFolder": "/w/${localWorkspaceFolderBasename}",
              "containerEnv": { "A": "${containerWorkspaceFolder}", "B": "${containerWorkspaceFolderBasename}" } }
            """);

        Assert.Equal("/w/my-app", config.WorkspaceFolder);
        Assert.Equal("/w/my-app", config.ContainerEnv["A"]);
        Assert.Equal("my-app", config.ContainerEnv["B"]);
    }

    [Fact]
    public void Substitutes_inside_arrays_nested_objects_and_the_document_but_not_keys()
    {
        var config = Devcontainer.Clean("""
            { "image": "x", "mounts": ["source=${localWorkspaceFolder}/.cache,target=/c,type=bind"],
              "customizations": { "${devcontainerId}": { "k": ["${devcontainerId}"] } } }
            """);

        Assert.Equal("/src/my-app/.cache", config.Mounts[0].Source);
        Assert.Equal("dc-id-1", (string?)config.Customizations!["${devcontainerId}"]!["k"]![0]);
        Assert.Equal("dc-id-1", (string?)config.Document.Root["customizations"]!["${devcontainerId}"]!["k"]![0]);
    }

    [Fact]
    public void A_local_variable_off_the_allow_list_reads_as_its_default_with_a_warning_at_the_string()
    {
        var result = Devcontainer.Parse("{\n  \"image\": \"x\",\n  \"containerEnv\": { \"T\":   \"${localEnv:SECRET:none}\" }\n}", WithEnv);

        Assert.True(result.Succeeded);
        Assert.Equal("none", result.Value!.ContainerEnv["T"]);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, DiagnosticCodes.LocalEnvNotAllowed), (warning.Severity, warning.Code));
        Assert.Contains("SECRET", warning.Message, StringComparison.Ordinal);
        Assert.Contains("allow-list", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", warning.Message, StringComparison.Ordinal);
        Devcontainer.AssertAt(warning.Location, 3, 28);
        Assert.Equal("/containerEnv/T", warning.JsonPointer);
    }

    [Fact]
    public void A_local_variable_off_the_allow_list_without_default_is_empty()
    {
        var result = Devcontainer.Parse("""{ "image": "x", "remoteEnv": { "H": "${env:HOME}/bin" } }""");

        Assert.Equal("/bin", result.Value!.RemoteEnv["H"]);
        Assert.Equal(DiagnosticCodes.LocalEnvNotAllowed, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("${HOME}")]
    [InlineData("${templateOption:imageVariant}")]
    [InlineData("${localEnv}")]
    public void Unknown_variables_stay_as_written_with_a_warning(string written)
    {
        var result = Devcontainer.Parse($$"""{ "image": "x", "containerEnv": { "V": "{{written}}" } }""");

        Assert.True(result.Succeeded);
        Assert.Equal(written, result.Value!.ContainerEnv["V"]);
        Assert.Equal(DiagnosticCodes.UnknownVariable, Assert.Single(result.Diagnostics).Code);
    }
}
