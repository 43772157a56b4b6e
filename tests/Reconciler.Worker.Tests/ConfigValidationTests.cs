using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary>Start-up validation: every problem is a located diagnostic and no settings are produced.</summary>
public sealed class ConfigValidationTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-config");

    [Fact]
    public void An_inline_token_is_a_located_error_that_says_why()
    {
        var diagnostics = Load("""
            version: 1
            repositories:
              - url: https://github.com/acme/ml.git
                credentials:
                  token: ghp_notreallyatoken
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("reconciler.yaml", 5, 7), error.Location);
        Assert.Contains("secrets are never written inline", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenEnv", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_notreallyatoken", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_variable_is_reported_where_it_is_named()
    {
        var variable = "RC_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var diagnostics = Load($"""
            version: 1
            webhooks:
              secretEnv: {variable}
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal(new SourceLocation("reconciler.yaml", 3, 14), error.Location);
        Assert.Contains($"environment variable {variable} is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_durations_urls_and_listen_addresses_are_each_located()
    {
        var diagnostics = Load("""
            version: 1
            repositories:
              - url: https://user:hunter2@github.com/acme/ml.git
                pollInterval: 0s
            server: { listen: "http://127.0.0.1:8080/webhooks" }
            """);

        Assert.Equal([(3, 10), (4, 19), (5, 19)], diagnostics.Select(d => (d.Location!.Line, d.Location.Column)));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.ConfigInvalid, d.Code));
        Assert.DoesNotContain("hunter2", string.Join('\n', diagnostics), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_or_missing_secrets_key_file_is_located_and_does_not_echo_the_file()
    {
        _folder.Write("short.key", "c2VjcmV0LWJ1dC1zaG9ydA==");
        var malformed = Assert.Single(Load("version: 1\ndatabase: { secretsKeyFile: short.key }\n"));
        var missing = Assert.Single(Load("version: 1\ndatabase:\n  secretsKeyFile: nothing.key\n"));

        Assert.Equal((new SourceLocation("reconciler.yaml", 2, 29), "/database/secretsKeyFile"), (malformed.Location, malformed.JsonPointer));
        Assert.Contains("is not a secrets key", malformed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("reconciler.yaml", 3, 19), missing.Location);
        Assert.Contains("cannot be read", missing.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<Diagnostic> Load(string yaml)
    {
        var path = _folder.Write("reconciler.yaml", yaml);
        var (settings, diagnostics) = WorkerConfigLoader.Load(path, "reconciler.yaml");
        Assert.Null(settings);
        return diagnostics;
    }

    public void Dispose() => _folder.Dispose();
}
