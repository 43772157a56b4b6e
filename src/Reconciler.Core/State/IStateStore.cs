using Reconciler.Core.Desired;

namespace Reconciler.Core.State;

/// <summary>
/// Reconciler's own database: repository bookkeeping, reported workspace conditions and the audit log.
/// It holds history and caches, never the truth about what runs (that is the runtime) nor secrets.
/// Every method is one transaction and safe to call from several reconcile workers at once.
/// Implementations: SQLite (default, Storage.Sqlite); PostgreSQL (Storage.Postgres, <c>database.postgres</c>).
/// </summary>
public interface IStateStore
{
    /// <summary>Inserts or replaces the repository's row. Throws <see cref="ArgumentException"/> for a URL with credentials.</summary>
    Task UpsertRepositoryAsync(RepositoryState state, CancellationToken cancellationToken);

    Task<RepositoryState?> GetRepositoryAsync(string repository, CancellationToken cancellationToken);

    /// <summary>All repositories, ordered by identity.</summary>
    Task<IReadOnlyList<RepositoryState>> ListRepositoriesAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the descriptive fields, merges the conditions by type, and returns the stored status.</summary>
    Task<WorkspaceStatusRecord> SetWorkspaceStatusAsync(WorkspaceStatusUpdate update, CancellationToken cancellationToken);

    /// <summary>Merges conditions only, keeping the other fields (creating an empty status when there is none).</summary>
    Task<IReadOnlyList<WorkspaceCondition>> SetConditionsAsync(WorkspaceKey key, IReadOnlyList<ConditionUpdate> conditions, CancellationToken cancellationToken);

    Task<WorkspaceStatusRecord?> GetWorkspaceStatusAsync(WorkspaceKey key, CancellationToken cancellationToken);

    /// <summary>Statuses matching the query, ordered by repository then workspace.</summary>
    Task<IReadOnlyList<WorkspaceStatusRecord>> ListWorkspaceStatusesAsync(WorkspaceStatusQuery query, CancellationToken cancellationToken);

    /// <summary>Forgets a removed workspace's status and conditions; its events stay. Returns false when there was none.</summary>
    Task<bool> DeleteWorkspaceStatusAsync(WorkspaceKey key, CancellationToken cancellationToken);

    /// <summary>Appends one event and returns it with its id and time. There is no update or delete.</summary>
    Task<AuditEvent> AppendEventAsync(NewAuditEvent auditEvent, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEvent>> ListEventsAsync(AuditEventQuery query, CancellationToken cancellationToken);

    /// <summary>Completes when the database answers a query; throws otherwise (readiness probe).</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
