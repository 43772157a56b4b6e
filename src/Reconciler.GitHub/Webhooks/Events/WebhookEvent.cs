namespace Reconciler.GitHub.Webhooks.Events;

/// <summary>A verified, parsed delivery. <see cref="Name"/> is the <c>X-GitHub-Event</c> header.</summary>
public abstract record WebhookEvent(string Name);

/// <summary>Sent once when a webhook is created; answered with 200 and routed nowhere.</summary>
public sealed record PingEvent(string? Zen, long? HookId, string? RepositoryFullName) : WebhookEvent("ping");

/// <summary>An event this worker does not act on (check_run, installation, …); accepted so GitHub records success, then ignored.</summary>
public sealed record UnknownEvent(string EventName) : WebhookEvent(EventName);
