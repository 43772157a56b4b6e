using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks;

/// <summary>
/// What the host sends back: <see cref="StatusCode"/> with <see cref="Message"/> as a short plain-text body
/// (GitHub shows it under "Recent Deliveries"). <see cref="Event"/> is set only for a verified, parsed,
/// non-duplicate delivery; it has already been handed to its sink.
/// </summary>
public sealed record WebhookResponse(int StatusCode, WebhookResult Result, string Message, WebhookEvent? Event = null);
