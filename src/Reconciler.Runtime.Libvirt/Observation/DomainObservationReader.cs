using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Runtime.Libvirt.Domains;
using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Runtime.Libvirt.Observation;

/// <summary>
/// Reads managed domains with ONE daemon call per pass (<c>virConnectGetAllDomainStats</c>: every domain with its
/// state and CPU time). Our metadata element is read once per domain definition: every define gets a fresh UUID,
/// so a UUID names one immutable definition and its metadata is cached by it (also "not ours"). A pass over known
/// domains therefore makes exactly one call; a new definition costs one metadata read the first time it is seen.
/// Only names with the <c>rc-</c> prefix of <see cref="WorkspaceNames"/> (and, for one repository's pass, its hash
/// suffix) are read at all.
/// </summary>
internal sealed class DomainObservationReader(ILogger logger)
{
    private readonly Dictionary<string, DomainMetadata?> _metadataByUuid = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Metadata reads (daemon calls besides the list) made so far; for tests and the benchmark.</summary>
    public long MetadataReads { get; private set; }

    public IReadOnlyList<ObservedDomain> Read(LibvirtConnection connection, string? repository)
    {
        lock (_lock)
        {
            // A domain's name ends with its repository's hash, so a pass for one repository never reads the
            // metadata of another repository's new definitions.
            var suffix = repository is null ? null : "-" + WorkspaceNames.RepositoryHash(repository);
            var records = connection.ListDomains(
                DomainMetadata.NamespaceUri,
                (name, uuid) => name.StartsWith("rc-", StringComparison.Ordinal)
                    && (suffix is null || name.EndsWith(suffix, StringComparison.Ordinal))
                    && !_metadataByUuid.ContainsKey(uuid));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<ObservedDomain>();
            foreach (var record in records)
            {
                seen.Add(record.Uuid);
                if (record.MetadataRead)
                {
                    MetadataReads++;
                    var parsed = record.Metadata is null ? null : DomainMetadata.Parse(record.Metadata);
                    if (record.Metadata is not null && parsed is null)
                    {
                        Log.UnreadableMetadata(logger, record.Name);
                    }

                    _metadataByUuid[record.Uuid] = parsed;
                }

                if (_metadataByUuid.TryGetValue(record.Uuid, out var metadata) && metadata is not null
                    && (repository is null || metadata.Repository == repository))
                {
                    result.Add(new ObservedDomain(record, metadata));
                }
            }

            foreach (var gone in _metadataByUuid.Keys.Where(uuid => !seen.Contains(uuid)).ToList())
            {
                _metadataByUuid.Remove(gone);
            }

            result.Sort((a, b) => string.CompareOrdinal(a.Observation.Key.ToString(), b.Observation.Key.ToString()));
            return result;
        }
    }

    /// <summary>libvirt <c>virDomainState</c>: running and blocked run; shutting down is in transition; the rest is stopped.</summary>
    internal static ObservedState MapState(int state) => state switch
    {
        1 or 2 => ObservedState.Running,
        4 => ObservedState.Transitioning,
        3 or 5 or 6 or 7 => ObservedState.Stopped,
        _ => ObservedState.Transitioning,
    };
}

/// <summary>A managed domain: the planner's observation plus what only this adapter needs.</summary>
internal sealed record ObservedDomain(DomainRecord Record, DomainMetadata Metadata)
{
    public WorkspaceObservation Observation { get; } = new(
        Record.Uuid,
        Record.Name,
        new WorkspaceKey(Metadata.Repository, Metadata.Workspace),
        Metadata.SpecHash,
        DomainObservationReader.MapState(Record.State),
        Metadata.Commit,
        Metadata.Created,
        Metadata.Fields)
    {
        HostPorts = Metadata.HostPorts,
        Ports = Record.State is 1 or 2 or 3 ? PublishedPorts(Metadata) : [],
    };

    // One list per metadata read (metadata is read once per definition), so a steady pass observes equal values.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DomainMetadata, IReadOnlyList<string>> Published = new();

    private static IReadOnlyList<string> PublishedPorts(DomainMetadata metadata)
        => Published.GetValue(metadata, m => m.HostPorts
            .Select(p => $"{m.HostPortListen ?? "127.0.0.1"}:{p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}->{p.Key}")
            .ToList());
}
