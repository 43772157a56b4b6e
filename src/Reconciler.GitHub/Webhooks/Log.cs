using Microsoft.Extensions.Logging;

namespace Reconciler.GitHub.Webhooks;

/// <summary>
/// Source-generated log messages of the webhook endpoint; event ids are stable (4000–4099). Secrets and
/// signatures are never logged; delivery ids and event names only after they passed the header checks.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Webhook delivery {DeliveryId} ({Event}): {Result} {StatusCode}")]
    public static partial void Handled(ILogger logger, string deliveryId, string @event, WebhookResult result, int statusCode);

    [LoggerMessage(4001, LogLevel.Warning, "Webhook delivery refused before verification: {Result} {StatusCode}")]
    public static partial void Refused(ILogger logger, WebhookResult result, int statusCode);

    [LoggerMessage(4002, LogLevel.Warning, "Webhook delivery {DeliveryId} ({Event}) is malformed: {Reason}")]
    public static partial void Malformed(ILogger logger, string deliveryId, string @event, string reason);

    [LoggerMessage(4003, LogLevel.Error, "No webhook secret is configured; every delivery is refused with 401")]
    public static partial void NoSecrets(ILogger logger);

    [LoggerMessage(4004, LogLevel.Error, "The {Event} sink failed on delivery {DeliveryId}; answered 503 so GitHub can redeliver")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string deliveryId, string @event);
}
