namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>
/// A payload that does not have the shape GitHub documents. Thrown only inside the parser, which turns it
/// into a <see cref="WebhookParseError"/>; the message names the JSON path and is safe to return to the sender.
/// </summary>
internal sealed class PayloadException(string message) : Exception(message);
