using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>Why a verified body could not be read, in one short line that names the JSON path.</summary>
internal sealed record WebhookParseError(string Message);

/// <summary>Either an event or an error; the parser never throws for bad input.</summary>
internal sealed record WebhookParseResult(WebhookEvent? Event, WebhookParseError? Error)
{
    public static WebhookParseResult Ok(WebhookEvent value) => new(value, null);

    public static WebhookParseResult Failed(string message) => new(null, new WebhookParseError(message));
}
