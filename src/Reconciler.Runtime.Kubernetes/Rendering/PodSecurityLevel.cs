namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>The Pod Security Standards profiles, least permissive first (the order is compared).</summary>
public enum PodSecurityLevel
{
    Restricted,
    Baseline,
    Privileged,
}

internal static class PodSecurityLevelNames
{
    /// <summary>The value of the <c>pod-security.kubernetes.io/enforce</c> namespace label.</summary>
    public static string LabelValue(PodSecurityLevel level) => level.ToString().ToLowerInvariant();
}
