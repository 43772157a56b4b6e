using Reconciler.Core.Configuration;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary><c>leaderElection</c>: defaults, and located errors for what the schema cannot say.</summary>
public sealed class LeaderElectionSectionTests
{
    private static readonly string[] Cluster = ["version: 1", "runtimes:", "  kubernetes:", "    lab: { inCluster: true }", "leaderElection:"];

    [Fact]
    public void The_section_binds_with_defaults()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines([.. Cluster, "  cluster: lab"]), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(
            new LeaderElectionConfig
            {
                Cluster = "lab", Namespace = "reconciler-system", Name = "reconciler", Identity = null,
                LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromSeconds(2),
            },
            result.Value!.LeaderElection);
    }

    [Fact]
    public void Every_setting_binds_and_enabled_false_turns_it_off()
    {
        var on = ReconcilerConfigParser.Parse(Yaml.Lines([.. Cluster,
            "  cluster: lab", "  namespace: ops", "  name: rc-lease", "  identity: replica-1", "  leaseDuration: 1m", "  renewDeadline: 40s", "  retryPeriod: 5s"]), Yaml.File);
        var off = ReconcilerConfigParser.Parse(Yaml.Lines([.. Cluster, "  cluster: lab", "  enabled: false"]), Yaml.File);

        Assert.Equal(
            new LeaderElectionConfig
            {
                Cluster = "lab", Namespace = "ops", Name = "rc-lease", Identity = "replica-1",
                LeaseDuration = TimeSpan.FromMinutes(1), RenewDeadline = TimeSpan.FromSeconds(40), RetryPeriod = TimeSpan.FromSeconds(5),
            },
            on.Value!.LeaderElection);
        Assert.True(off.Succeeded);
        Assert.Null(off.Value!.LeaderElection);
    }

    [Theory]
    [InlineData("  cluster: elsewhere", 6, "leaderElection.cluster", "'elsewhere' is not a cluster under runtimes.kubernetes (clusters: lab)")]
    [InlineData("  renewDeadline: 15s", 7, "leaderElection.renewDeadline", "must be shorter than leaseDuration")]
    [InlineData("  retryPeriod: 10s", 7, "leaderElection.retryPeriod", "must be shorter than renewDeadline")]
    [InlineData("  leaseDuration: 0s", 7, "leaderElection.leaseDuration", "must be a positive duration")]
    public void What_the_schema_cannot_say_is_an_error_at_its_line(string line, int errorLine, string path, string message)
    {
        string[] lines = line.StartsWith("  cluster:", StringComparison.Ordinal) ? [.. Cluster, line] : [.. Cluster, "  cluster: lab", line];
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(lines), Yaml.File);

        var error = result.Diagnostics.First();
        Assert.False(result.Succeeded);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(errorLine, error.Location!.Line);
    }

    [Fact]
    public void A_missing_cluster_and_unknown_keys_are_schema_errors()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines([.. Cluster, "  lease: x"]), Yaml.File);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("cluster", StringComparison.Ordinal));
    }
}
