using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary>The <c>github</c> section: every mistake is a located start-up error, and no secret appears in one.</summary>
public sealed class GitHubConfigTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-config");

    [Fact]
    public void Checks_need_webhooks_and_an_app_needs_its_key()
    {
        var diagnostics = Load("""
            version: 1
            github:
              appId: 42
            """);

        Assert.Equal([(3, 3), (3, 10)], diagnostics.Select(d => (d.Location!.Line, d.Location.Column)));
        Assert.Contains("add a webhooks section", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("needs its private key", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_private_key_says_where_to_keep_it_instead()
    {
        var diagnostics = Load("""
            version: 1
            webhooks: { secretEnv: X }
            github:
              appId: 42
              privateKey: "-----BEGIN RSA PRIVATE KEY----- MIIE"
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal(5, error.Location!.Line);
        Assert.Contains("privateKeyEnv: NAME", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIE", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_that_holds_no_rsa_key_is_reported_where_it_is_named()
    {
        _folder.Write("app.pem", "not a key at all: s3cr3t-value");
        var variable = "RC_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "whsec");
        try
        {
            var diagnostics = Load($"""
                version: 1
                webhooks: {"{"} secretEnv: {variable} {"}"}
                github: {"{"} apiUrl: "http://127.0.0.1:1/api/v3", appId: 42, privateKeyFile: app.pem {"}"}
                """);

            var error = Assert.Single(diagnostics);
            Assert.Equal((DiagnosticCodes.ConfigInvalid, 3, 75), (error.Code, error.Location!.Line, error.Location.Column));
            Assert.Contains("does not hold an RSA private key", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Neither_app_nor_token_is_an_error()
    {
        var diagnostics = Load("""
            version: 1
            webhooks: { secretEnv: X }
            github: { checkName: reconciler }
            """);

        Assert.Contains(diagnostics, d => d.Location!.Line == 3 && d.Message.Contains("name the credentials", StringComparison.Ordinal));
    }

    private IReadOnlyList<Diagnostic> Load(string yaml)
    {
        var (settings, diagnostics) = WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", yaml), "reconciler.yaml");
        Assert.Null(settings);
        return diagnostics;
    }

    public void Dispose() => _folder.Dispose();
}
