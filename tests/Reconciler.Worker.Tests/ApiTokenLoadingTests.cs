using Reconciler.Core.Configuration;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary>
/// API tokens are read at start-up from the variable or file each entry names, and kept only as digests: a short,
/// missing or shared token stops start-up at the entry's line, without printing the value.
/// </summary>
public sealed class ApiTokenLoadingTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-api-tokens");
    private readonly string _variable = "RC_TEST_API_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public void Tokens_from_a_variable_and_a_file_authenticate_their_callers()
    {
        var admin = Guid.NewGuid().ToString("N");
        var team = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(_variable, admin);
        _folder.Write("ml-token", team + "\n");

        var (settings, diagnostics) = Load($$"""
            version: 1
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{_variable}} }
                - { name: ml, role: team, team: ml-research, tokenFile: ml-token }
            """);

        Assert.True(settings is not null, string.Join('\n', diagnostics));
        Assert.Equal(new Api.ApiCaller("ci", ApiRole.Admin, null), settings.ApiTokens.Authenticate("Bearer " + admin));
        Assert.Equal(new Api.ApiCaller("ml", ApiRole.Team, "ml-research"), settings.ApiTokens.Authenticate("bearer " + team));
        Assert.Null(settings.ApiTokens.Authenticate("Bearer " + team[..^1]));
        Assert.Null(settings.ApiTokens.Authenticate(team));
        Assert.Null(settings.ApiTokens.Authenticate("Basic " + admin));
        Assert.DoesNotContain(admin, settings.ApiTokens.ToString(), StringComparison.Ordinal);
        Assert.Contains("ci, ml", settings.ApiTokens.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_or_shared_token_stops_start_up_at_its_entry()
    {
        Environment.SetEnvironmentVariable(_variable, "short-token");
        var shared = Guid.NewGuid().ToString("N");
        _folder.Write("a", shared);
        _folder.Write("b", shared);

        var (settings, diagnostics) = Load($$"""
            version: 1
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{_variable}} }
                - { name: a, role: admin, tokenFile: a }
                - { name: b, role: admin, tokenFile: b }
            """);

        Assert.Null(settings);
        Assert.Equal(
            [(4, "fewer than 16 characters"), (6, "has the same value as 'a'")],
            diagnostics.Select(d => (d.Location!.Line, d.Message.Contains("fewer than 16", StringComparison.Ordinal) ? "fewer than 16 characters" : d.Message[(d.Message.IndexOf("has the", StringComparison.Ordinal))..][..25])));
        Assert.DoesNotContain(diagnostics, d => d.ToString().Contains(shared, StringComparison.Ordinal) || d.ToString().Contains("short-token", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _folder.Dispose();
    }

    private (WorkerSettings? Settings, IReadOnlyList<Core.Diagnostics.Diagnostic> Diagnostics) Load(string yaml)
        => WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", yaml));
}
