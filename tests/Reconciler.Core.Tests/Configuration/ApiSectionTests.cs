using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary>The <c>api</c> section: tokens by reference only, roles and teams, located errors for what the schema cannot say.</summary>
public sealed class ApiSectionTests
{
    [Fact]
    public void Tokens_and_the_metrics_setting_bind()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "api:",
            "  tokens:",
            "    - { name: ci, role: admin, tokenEnv: RECONCILER_API_CI }",
            "    - { name: ml, role: team, team: ml-research, tokenFile: secrets/ml }",
            "  metrics: { requireToken: true }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var api = result.Value!.Api;
        Assert.True(api.MetricsRequireToken);
        Assert.Equal(
            [("ci", ApiRole.Admin, null, new SecretReference(SecretSource.EnvironmentVariable, "RECONCILER_API_CI")), ("ml", ApiRole.Team, "ml-research", new SecretReference(SecretSource.File, "secrets/ml"))],
            api.Tokens.Select(t => (t.Name, t.Role, t.Team, t.Token with { Location = null })));
        Assert.Equal(5, api.Tokens[1].Location!.Line);
    }

    [Fact]
    public void Without_the_section_there_are_no_tokens_and_metrics_are_open()
    {
        var api = ReconcilerConfigParser.Parse("version: 1\n", Yaml.File).Value!.Api;

        Assert.Equal((0, false), (api.Tokens.Count, api.MetricsRequireToken));
    }

    [Fact]
    public void An_inline_token_is_refused_at_its_line_without_echoing_it()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "api:",
            "  tokens:",
            "    - name: ci",
            "      role: admin",
            "      token: s3cr3t-s3cr3t-s3cr3t"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.UnknownKey);
        Yaml.AssertAt(error, 6, 7);
        Assert.Contains("secrets are never written inline", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenEnv", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_teams_names_and_token_sources_are_checked_where_they_are_written()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "api:",
            "  tokens:",
            "    - { name: ml, role: team, tokenEnv: A }",
            "    - { name: ml, role: admin, team: x, tokenEnv: B }",
            "    - { name: both, role: admin, tokenEnv: C, tokenFile: c }",
            "    - { name: none, role: admin }"), Yaml.File);

        var messages = result.Diagnostics.Select(d => (d.Location!.Line, d.Message)).ToList();
        Assert.Equal(5, messages.Count);
        Assert.Contains(messages, m => m.Line == 4 && m.Message.Contains("needs team", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Line == 5 && m.Message.Contains("already used by api.tokens[0]", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Line == 5 && m.Message.Contains("an admin token sees every team", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Line == 6 && m.Message.Contains("either tokenEnv or tokenFile", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Line == 7 && m.Message.Contains("needs tokenEnv", StringComparison.Ordinal));
    }
}
