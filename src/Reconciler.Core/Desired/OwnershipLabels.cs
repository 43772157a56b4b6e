namespace Reconciler.Core.Desired;

/// <summary>
/// Labels every runtime object Reconciler creates carries. Anything without <see cref="ManagedBy"/> =
/// <see cref="ManagedByValue"/> is never touched.
/// </summary>
public static class OwnershipLabels
{
    public const string ManagedBy = "dev.reconciler.managed-by";
    public const string ManagedByValue = "reconciler";
    public const string Repository = "dev.reconciler.repository";
    public const string Workspace = "dev.reconciler.workspace";
    public const string SpecHash = "dev.reconciler.spec-hash";
    public const string Commit = "dev.reconciler.commit";

    /// <summary>The flattened spec as compact JSON, read back to explain a recreate.</summary>
    public const string Spec = "dev.reconciler.spec";

    /// <summary>On volumes: which role the volume has (workspace, storage:&lt;name&gt;).</summary>
    public const string VolumeRole = "dev.reconciler.volume-role";
}
