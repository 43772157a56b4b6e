namespace Reconciler.Core.Workspaces;

/// <summary>
/// The names a <c>storage:</c> entry may refer to, from the worker configuration: <c>storage.credentials</c> entries
/// (<c>credentials:</c>) and <c>storage.s3</c> endpoints (<c>endpoint:</c>). Names only; the secrets stay with the worker.
/// </summary>
public sealed record StorageReferences(IReadOnlySet<string> Credentials, IReadOnlySet<string> S3Endpoints)
{
    /// <summary>Nothing configured: every reference is unknown.</summary>
    public static StorageReferences None { get; } = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
}
