namespace Reconciler.Core.Queue;

/// <summary>
/// What the work queue holds: a repository, or one workspace of it. Triggers (git poll, webhook, schedule,
/// resync, CLI) only enqueue keys; the reconciler re-reads the world for the key every time, so two
/// triggers for the same key coalesce into one reconcile.
/// </summary>
public sealed record ReconcileKey
{
    public ReconcileKey(string repository, string? workspace = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        if (workspace is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        }

        Repository = repository;
        Workspace = workspace;
    }

    public string Repository { get; }

    /// <summary>Null for the whole repository.</summary>
    public string? Workspace { get; }

    /// <summary><c>repo</c> or <c>repo/workspace</c>: the form used in logs and metric labels.</summary>
    public override string ToString() => Workspace is null ? Repository : $"{Repository}/{Workspace}";
}
