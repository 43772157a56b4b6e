using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary><c>devcontainer.featureRegistries</c> secrets are read at start-up and handed to the Docker runtime; a missing one stops the worker where it is named.</summary>
public sealed class FeatureRegistryConfigTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-config");

    [Fact]
    public void A_registry_token_is_read_from_its_file_and_never_shown()
    {
        _folder.Write("ghcr-token", "ghp_feature_registry_token\n");

        var (settings, diagnostics) = Load("version: 1", "devcontainer:", "  featureRegistries:", "    ghcr.io: { user: bot, secretFile: ghcr-token }");

        Assert.Empty(diagnostics);
        var credential = settings!.Storage.FeatureRegistries["ghcr.io"];
        Assert.Equal(new Runtime.Docker.Features.RegistryCredential("bot", "ghp_feature_registry_token"), credential);
        Assert.DoesNotContain("ghp_feature", credential.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_variable_is_reported_where_it_is_named()
    {
        var (settings, diagnostics) = Load(
            "version: 1", "devcontainer:", "  featureRegistries:", $"    ghcr.io: {{ user: bot, secretEnv: RC_TEST_UNSET_{Guid.NewGuid():N} }}");

        Assert.Null(settings);
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, 4, "reconciler.yaml"), (error.Code, error.Location!.Line, error.Location.File));
        Assert.Contains("environment variable RC_TEST_UNSET_", error.Message, StringComparison.Ordinal);
    }

    private (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Load(params string[] lines)
        => WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", string.Join('\n', lines) + "\n"), "reconciler.yaml");

    public void Dispose() => _folder.Dispose();
}
