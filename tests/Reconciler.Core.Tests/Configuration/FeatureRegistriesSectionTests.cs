using Reconciler.Core.Configuration;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary><c>devcontainer.featureRegistries</c>: credentials for Feature registries, secrets by reference only.</summary>
public sealed class FeatureRegistriesSectionTests
{
    [Fact]
    public void Registries_bind_by_host_with_their_secret_reference()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "devcontainer:",
            "  featureRegistries:",
            "    registry.internal:5000: { user: ci, secretEnv: FEATURE_TOKEN }",
            "    ghcr.io: { user: bot, secretFile: secrets/ghcr }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var registries = result.Value!.FeatureRegistries;
        Assert.Equal(("ci", new SecretReference(SecretSource.EnvironmentVariable, "FEATURE_TOKEN")), (registries["registry.internal:5000"].User, registries["registry.internal:5000"].Secret with { Location = null }));
        Assert.Equal(("bot", new SecretReference(SecretSource.File, "secrets/ghcr")), (registries["ghcr.io"].User, registries["ghcr.io"].Secret with { Location = null }));
    }

    [Theory]
    [InlineData("{ user: ci }")]
    [InlineData("{ user: ci, secretEnv: A, secretFile: b }")]
    public void The_secret_is_named_exactly_once(string entry)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "devcontainer:", "  featureRegistries:", $"    ghcr.io: {entry}"), Yaml.File);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(4, error.Location!.Line);
        Assert.Contains("secretEnv: NAME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_password_is_a_schema_error_at_its_line()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "devcontainer:", "  featureRegistries:", "    ghcr.io: { user: ci, password: hunter2 }"), Yaml.File);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(4, error.Location!.Line);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
