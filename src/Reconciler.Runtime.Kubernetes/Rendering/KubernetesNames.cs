using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>Object and namespace names of a workspace.</summary>
internal static class KubernetesNames
{
    /// <summary>The workload, its Service and Pod name prefix: the runtime-neutral <see cref="WorkspaceNames.Base"/> (a DNS label).</summary>
    public static string Object(WorkspaceKey key) => WorkspaceNames.Base(key);

    public static string PublicService(WorkspaceKey key) => WorkspaceNames.Base(key) + "-public";

    /// <summary>Claim template / volume name of a storage entry or extra devcontainer volume.</summary>
    public static string Volume(string name, string fallback)
    {
        var slug = WorkspaceNames.Slug(name);
        slug = slug.Length > 0 ? slug : fallback;
        return slug.Length <= 40 ? slug : slug[..40].TrimEnd('-');
    }

    /// <summary><see cref="KubernetesRenderOptions.NamespacePattern"/> with <c>{team}</c> replaced, cut to a DNS label.</summary>
    public static string Namespace(string? team, KubernetesRenderOptions options)
    {
        var slug = WorkspaceNames.Slug(string.IsNullOrWhiteSpace(team) ? options.DefaultTeam : team);
        var name = WorkspaceNames.Slug(options.NamespacePattern.Replace("{team}", slug.Length > 0 ? slug : "default", StringComparison.Ordinal));
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }
}
