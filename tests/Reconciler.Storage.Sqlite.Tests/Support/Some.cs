using Reconciler.Core.Desired;
using Reconciler.Core.State;

namespace Reconciler.Storage.Sqlite.Tests.Support;

/// <summary>Small builders for test data.</summary>
internal static class Some
{
    public const string Repository = "github.com/acme/ml";

    public static WorkspaceKey Key(string workspace = "gpu-dev", string repository = Repository) => new(repository, workspace);

    public static ConditionUpdate Condition(WorkspaceConditionType type, bool status, string reason = "Converged", string message = "ok", string? commit = "abc123")
        => new(type, status, reason, message, commit);

    public static NewAuditEvent Event(string message, string repository = Repository, string? workspace = "gpu-dev")
        => new(repository, workspace, "abc123", "Ada Lovelace <ada@example.com>", "create", "succeeded", message);
}
