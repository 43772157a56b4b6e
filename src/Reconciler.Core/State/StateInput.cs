using Reconciler.Core.Desired;

namespace Reconciler.Core.State;

/// <summary>Argument checks every <see cref="IStateStore"/> applies before writing, so stores agree on what they accept.</summary>
public static class StateInput
{
    public static void Validate(RepositoryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Require(state.Repository, "repository identity");
        Require(state.Url, "repository URL");
        if (SecretScrubber.HasCredentials(state.Url))
        {
            throw new ArgumentException(
                $"The URL of repository '{state.Repository}' carries credentials; they are never stored. Configure the token separately and use the plain URL.",
                nameof(state));
        }
    }

    public static void Validate(WorkspaceKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Require(key.Repository, "repository identity");
        Require(key.Workspace, "workspace name");
    }

    public static void Validate(WorkspaceStatusUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Validate(update.Key);
        ArgumentNullException.ThrowIfNull(update.Conditions);
    }

    public static void Validate(NewAuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Require(auditEvent.Repository, "event repository");
        Require(auditEvent.Actor, "event actor");
        Require(auditEvent.Action, "event action");
        Require(auditEvent.Result, "event result");
    }

    public static void Validate(AuditEventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AuditEventQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"The event page limit must be between 1 and {AuditEventQuery.MaxLimit}.");
        }

        if (query.AfterId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.AfterId, "AfterId must not be negative.");
        }
    }

    private static void Require(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} must not be empty.");
        }
    }
}
