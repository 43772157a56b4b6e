using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes;

/// <summary>Settings of one cluster's runtime.</summary>
public sealed record KubernetesRuntimeOptions
{
    /// <summary>Field manager of every server-side apply.</summary>
    public const string FieldManager = "reconciler";

    public KubernetesRenderOptions Render { get; init; } = new();

    /// <summary>Apply the team namespaces too; false when the worker may not create namespaces (they must exist).</summary>
    public bool CreateNamespaces { get; init; } = true;

    /// <summary>Attempts of one object's apply when the API answers 409 Conflict (each after re-reading the object).</summary>
    public int ConflictAttempts { get; init; } = 5;
}
