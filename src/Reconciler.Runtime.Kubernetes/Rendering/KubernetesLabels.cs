using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// Ownership metadata in the <see cref="OwnershipLabels"/> vocabulary. Label values are limited to 63
/// characters of <c>[A-Za-z0-9._-]</c>, so labels carry what selection needs (managed-by, a hash of the
/// repository, the workspace name, the spec hash) and annotations carry the full repository identity,
/// workspace name, commit and flattened spec.
/// </summary>
internal static partial class KubernetesLabels
{
    /// <summary>Label: first 8 hex digits of SHA-256 of the repository identity (the identity itself is an annotation).</summary>
    public const string RepositoryHash = "dev.reconciler.repository-hash";

    /// <summary>The Pod Security admission label a namespace enforces.</summary>
    public const string PodSecurityEnforce = "pod-security.kubernetes.io/enforce";

    public static Dictionary<string, string> Selector(WorkspaceKey key) => new(StringComparer.Ordinal)
    {
        [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
        [RepositoryHash] = WorkspaceNames.RepositoryHash(key.Repository),
        [OwnershipLabels.Workspace] = WorkspaceNames.Slug(key.Workspace),
    };

    /// <summary>User labels that are valid Kubernetes labels, then the ownership labels (which win).</summary>
    public static Dictionary<string, string> ForObject(DesiredWorkspace desired)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired.Container.Labels)
        {
            if (IsValidKey(key) && IsValidValue(value))
            {
                labels[key] = value;
            }
        }

        foreach (var (key, value) in Selector(desired.Key))
        {
            labels[key] = value;
        }

        labels[OwnershipLabels.SpecHash] = desired.SpecHash;
        return labels;
    }

    public static Dictionary<string, string> Annotations(DesiredWorkspace desired) => new(StringComparer.Ordinal)
    {
        [OwnershipLabels.Repository] = desired.Key.Repository,
        [OwnershipLabels.Workspace] = desired.Key.Workspace,
        [OwnershipLabels.SpecHash] = desired.SpecHash,
        [OwnershipLabels.Commit] = desired.Commit,
        [OwnershipLabels.Spec] = SpecJson(desired.Fields),
    };

    /// <summary>The label selector text (<c>k=v,k=v</c>) of every managed object, or of one repository's.</summary>
    public static string SelectorText(string? repository)
    {
        var text = $"{OwnershipLabels.ManagedBy}={OwnershipLabels.ManagedByValue}";
        return repository is null ? text : $"{text},{RepositoryHash}={WorkspaceNames.RepositoryHash(repository)}";
    }

    public static bool IsValidValue(string value) => value.Length <= 63 && LabelValue().IsMatch(value);

    public static bool IsValidKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        var prefix = slash >= 0 ? key[..slash] : null;
        return name.Length is > 0 and <= 63 && LabelName().IsMatch(name)
               && (prefix is null || (prefix.Length <= 253 && DnsSubdomain().IsMatch(prefix)));
    }

    private static string SpecJson(IReadOnlyDictionary<string, string> fields)
        => JsonSerializer.Serialize(new SortedDictionary<string, string>(fields.ToDictionary(), StringComparer.Ordinal));

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
