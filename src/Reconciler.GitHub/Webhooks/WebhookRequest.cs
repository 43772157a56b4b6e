namespace Reconciler.GitHub.Webhooks;

/// <summary>
/// The headers of one delivery, as the host read them (null when absent). The body is passed separately as
/// a stream so it can be capped while it is read.
/// </summary>
public sealed record WebhookRequest(string? EventName, string? DeliveryId, string? Signature256, long? ContentLength)
{
    public const string EventHeader = "X-GitHub-Event";
    public const string DeliveryHeader = "X-GitHub-Delivery";
    public const string SignatureHeader = "X-Hub-Signature-256";
}
