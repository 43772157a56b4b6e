using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Reads <c>leaderElection</c> (already schema-valid) and reports, at the line that says it, what the schema cannot:
/// the cluster must be one of <c>runtimes.kubernetes</c>, and retryPeriod &lt; renewDeadline &lt; leaseDuration.
/// </summary>
internal sealed class LeaderElectionSectionReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    private const string At = "/leaderElection";

    /// <summary>Null when the section is absent or says <c>enabled: false</c>.</summary>
    public LeaderElectionConfig? Read(JObject root, IReadOnlyCollection<string> clusters)
    {
        if (root["leaderElection"] is not JObject section || (bool?)section["enabled"] == false)
        {
            return null;
        }

        var cluster = (string)section["cluster"]!;
        if (!clusters.Contains(cluster))
        {
            Error(At + "/cluster", clusters.Count == 0
                ? $"'{cluster}' is not a cluster: the Lease lives on a cluster under runtimes.kubernetes, and none is configured"
                : $"'{cluster}' is not a cluster under runtimes.kubernetes (clusters: {string.Join(", ", clusters.Order(StringComparer.Ordinal))})");
        }

        var config = new LeaderElectionConfig
        {
            Cluster = cluster,
            Namespace = (string?)section["namespace"] ?? "reconciler-system",
            Name = (string?)section["name"] ?? "reconciler",
            Identity = (string?)section["identity"],
            LeaseDuration = Duration(section, "leaseDuration", LeaderElectionConfig.DefaultLeaseDuration),
            RenewDeadline = Duration(section, "renewDeadline", LeaderElectionConfig.DefaultRenewDeadline),
            RetryPeriod = Duration(section, "retryPeriod", LeaderElectionConfig.DefaultRetryPeriod),
        };

        if (config.RenewDeadline >= config.LeaseDuration)
        {
            Error(At + (section["renewDeadline"] is null ? "/leaseDuration" : "/renewDeadline"),
                $"renewDeadline ({Quantities.DurationText.Format(config.RenewDeadline)}) must be shorter than leaseDuration ({Quantities.DurationText.Format(config.LeaseDuration)}): a leader that cannot renew must stop applying before another replica may take the Lease");
        }
        else if (config.RetryPeriod >= config.RenewDeadline)
        {
            Error(At + (section["retryPeriod"] is null ? "/renewDeadline" : "/retryPeriod"),
                $"retryPeriod ({Quantities.DurationText.Format(config.RetryPeriod)}) must be shorter than renewDeadline ({Quantities.DurationText.Format(config.RenewDeadline)}): the leader needs more than one attempt to renew");
        }

        return config;
    }

    private TimeSpan Duration(JObject section, string key, TimeSpan fallback)
        => ConfigValueChecks.Duration(document, diagnostics, section[key], $"{At}/{key}", fallback);

    private void Error(string pointer, string message) => ConfigValueChecks.Error(document, diagnostics, pointer, message);
}
