using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite.Access;
using Reconciler.Storage.Sqlite.Previews;

namespace Reconciler.Storage.Sqlite;

// The worker's stores beside IStateStore / IPowerRecordStore, so that the worker runs on either database:
// implemented here on SQLite and by Reconciler.Storage.Postgres. (Their value types live in this project; the
// interfaces sit beside them rather than in Core.Ports for that reason.)

/// <summary>Generated per-workspace secrets, sealed at rest (<see cref="Secrets.WorkspaceSecretStore"/>).</summary>
public interface IWorkspaceSecretStore
{
    Task<string> GetOrCreateAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken);

    Task<string?> FindAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken);

    Task<string> RotateAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken);
}

/// <summary>Per-workspace connection tokens, kept as hashes (<see cref="Secrets.ConnectionTokenStore"/>).</summary>
public interface IConnectionTokenStore
{
    Task<string> IssueAsync(WorkspaceKey key, CancellationToken cancellationToken);

    Task<bool> RevokeAsync(WorkspaceKey key, CancellationToken cancellationToken);

    Task<WorkspaceKey?> FindAsync(string token, CancellationToken cancellationToken);
}

/// <summary>Pull-request preview expiry times (<see cref="Previews.PreviewExpiryStore"/>).</summary>
public interface IPreviewExpiryStore
{
    Task SetAsync(PreviewExpiry expiry, CancellationToken cancellationToken);

    Task ForgetAsync(string repository, int number, CancellationToken cancellationToken);

    Task<IReadOnlyList<PreviewExpiry>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>Jumpserver registrations (<see cref="Access.JumpserverRegistrationStore"/>).</summary>
public interface IJumpserverRegistrationStore
{
    Task SetAsync(JumpserverRegistration registration, CancellationToken cancellationToken);

    Task ForgetAsync(string repository, string workspace, CancellationToken cancellationToken);

    Task<IReadOnlyList<JumpserverRegistration>> ListAsync(CancellationToken cancellationToken);
}
