using System.Text.Json;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Naming;

/// <summary>Labels every container and volume of a workspace carries; ownership labels win over user labels.</summary>
internal static class WorkspaceLabels
{
    public const string WorkspaceRole = "workspace";

    /// <summary>Role of the empty volume that marks a workspace volume as completely seeded.</summary>
    public const string SeedMarkerRole = "seed-marker";

    /// <summary>
    /// On workspace volumes: the name of the volume whose existence means "seeded completely". Volumes created
    /// before this label existed do not carry it and count as seeded (they are never seeded again).
    /// </summary>
    public const string SeedMarker = "dev.reconciler.seed-marker";

    /// <summary>Role of the empty volume that marks an s3 volume as completely filled from its bucket.</summary>
    public const string S3FillMarkerRole = "s3-fill-marker";

    /// <summary>
    /// On s3 volumes: the name of the volume whose existence means "filled completely". An s3 volume without the label
    /// (made before it existed) counts as filled.
    /// </summary>
    public const string S3FillMarker = "dev.reconciler.s3.fill-marker";

    /// <summary>Spec hash reported for a container whose create path never finished; it matches no desired hash.</summary>
    public const string IncompleteHash = "incomplete";

    public static Dictionary<string, string> ForContainer(DesiredWorkspace desired)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired.Container.Labels)
        {
            labels[key] = value;
        }

        labels[OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue;
        labels[OwnershipLabels.Repository] = desired.Key.Repository;
        labels[OwnershipLabels.Workspace] = desired.Key.Workspace;
        labels[OwnershipLabels.SpecHash] = desired.SpecHash;
        labels[OwnershipLabels.Commit] = desired.Commit;
        labels[OwnershipLabels.Spec] = SpecJson(desired.Fields);
        return labels;
    }

    public static Dictionary<string, string> ForVolume(DesiredWorkspace desired, string role)
    {
        var labels = ForContainer(desired);
        labels[OwnershipLabels.VolumeRole] = role;
        return labels;
    }

    /// <summary>Label filter values selecting the managed objects of one repository (and workspace).</summary>
    public static List<string> Filter(string? repository, string? workspace = null)
    {
        var filter = new List<string> { $"{OwnershipLabels.ManagedBy}={OwnershipLabels.ManagedByValue}" };
        if (repository is not null)
        {
            filter.Add($"{OwnershipLabels.Repository}={repository}");
        }

        if (workspace is not null)
        {
            filter.Add($"{OwnershipLabels.Workspace}={workspace}");
        }

        return filter;
    }

    public static bool IsOwned(IDictionary<string, string>? labels, WorkspaceKey? key = null)
        => labels is not null
           && labels.TryGetValue(OwnershipLabels.ManagedBy, out var managedBy) && managedBy == OwnershipLabels.ManagedByValue
           && (key is null
               || (labels.TryGetValue(OwnershipLabels.Repository, out var repository) && repository == key.Repository
                   && labels.TryGetValue(OwnershipLabels.Workspace, out var workspace) && workspace == key.Workspace));

    private static string SpecJson(IReadOnlyDictionary<string, string> fields)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            sorted[key] = value;
        }

        return JsonSerializer.Serialize(sorted);
    }
}
