using Microsoft.Extensions.Logging;
using Reconciler.GitHub.Webhooks.Body;
using Reconciler.GitHub.Webhooks.Delivery;
using Reconciler.GitHub.Webhooks.Events;
using Reconciler.GitHub.Webhooks.Parsing;
using Reconciler.GitHub.Webhooks.Signing;

namespace Reconciler.GitHub.Webhooks;

/// <summary>
/// Handles one GitHub delivery: size cap → signature → headers → de-duplication → parse → sink. Nothing is
/// parsed before the signature verifies, and sinks see only verified, parsed, non-duplicate events. The host
/// writes <see cref="WebhookResponse.StatusCode"/> and <see cref="WebhookResponse.Message"/> back.
/// </summary>
public sealed class WebhookHandler
{
    private readonly WebhookOptions _options;
    private readonly IPushSink _pushSink;
    private readonly IPullRequestSink _pullRequestSink;
    private readonly DeliveryDeduplicator _deliveries;
    private readonly ILogger<WebhookHandler> _logger;

    public WebhookHandler(WebhookOptions options, IPushSink pushSink, IPullRequestSink pullRequestSink, TimeProvider timeProvider, ILogger<WebhookHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pushSink);
        ArgumentNullException.ThrowIfNull(pullRequestSink);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Validate() is [_, ..] errors)
        {
            throw new ArgumentException("Invalid webhook options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _pushSink = pushSink;
        _pullRequestSink = pullRequestSink;
        _deliveries = new DeliveryDeduplicator(timeProvider, options.DeduplicationWindow, options.DeduplicationCapacity);
        _logger = logger;
    }

    public WebhookCounters Counters { get; } = new();

    /// <summary>
    /// Handles one delivery. <paramref name="secrets"/> are the configured secrets (more than one while
    /// rotating). Bad input never throws; cancellation of <paramref name="cancellationToken"/> does.
    /// </summary>
    public async Task<WebhookResponse> HandleAsync(WebhookRequest request, Stream body, IReadOnlyList<WebhookSecret> secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secrets);
        var response = await RespondAsync(request, body, secrets, cancellationToken);
        Counters.Increment(response.Result);
        if (response.Result is WebhookResult.TooLarge or WebhookResult.SignatureMissing or WebhookResult.SignatureInvalid)
        {
            Log.Refused(_logger, response.Result, response.StatusCode);
        }
        else if (WebhookHeaders.IsDeliveryId(request.DeliveryId) && WebhookHeaders.IsEventName(request.EventName))
        {
            Log.Handled(_logger, request.DeliveryId!, request.EventName!, response.Result, response.StatusCode);
        }

        return response;
    }

    private async Task<WebhookResponse> RespondAsync(WebhookRequest request, Stream body, IReadOnlyList<WebhookSecret> secrets, CancellationToken cancellationToken)
    {
        WebhookBody payload;
        try
        {
            payload = await WebhookBodyReader.ReadAsync(body, request.ContentLength, _options.MaxBodyBytes, cancellationToken);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The sender went away or the server refused the stream; nothing was verified, nothing is done.
            return new WebhookResponse(400, WebhookResult.Malformed, "the request body could not be read");
        }

        using (payload)
        {
            if (payload.IsTooLarge)
            {
                return new WebhookResponse(413, WebhookResult.TooLarge, $"payload larger than {_options.MaxBodyBytes} bytes");
            }

            if (secrets.Count == 0)
            {
                Log.NoSecrets(_logger);
                return new WebhookResponse(401, WebhookResult.SignatureMissing, "no webhook secret is configured");
            }

            if (request.Signature256 is null)
            {
                return new WebhookResponse(401, WebhookResult.SignatureMissing, "missing X-Hub-Signature-256");
            }

            if (!WebhookSignature.VerifyAny(payload.Bytes.Span, request.Signature256, secrets))
            {
                return new WebhookResponse(401, WebhookResult.SignatureInvalid, "X-Hub-Signature-256 does not match");
            }

            return Dispatch(request, payload.Bytes);
        }
    }

    private WebhookResponse Dispatch(WebhookRequest request, ReadOnlyMemory<byte> body)
    {
        if (!WebhookHeaders.IsEventName(request.EventName))
        {
            return new WebhookResponse(400, WebhookResult.Malformed, "missing or invalid X-GitHub-Event");
        }

        if (!WebhookHeaders.IsDeliveryId(request.DeliveryId))
        {
            return new WebhookResponse(400, WebhookResult.Malformed, "missing or invalid X-GitHub-Delivery");
        }

        var deliveryId = request.DeliveryId!;
        if (!_deliveries.TryClaim(deliveryId))
        {
            return new WebhookResponse(202, WebhookResult.Duplicate, $"duplicate delivery {deliveryId}; already accepted, ignored");
        }

        var parsed = WebhookParser.Parse(request.EventName!, body, _options.MaxJsonDepth);
        if (parsed.Error is { } error)
        {
            // Forgotten again so that a fixed redelivery is not mistaken for a duplicate.
            _deliveries.Release(deliveryId);
            Log.Malformed(_logger, deliveryId, request.EventName!, error.Message);
            return new WebhookResponse(400, WebhookResult.Malformed, "malformed payload: " + error.Message);
        }

        return Route(deliveryId, parsed.Event!);
    }

    private WebhookResponse Route(string deliveryId, WebhookEvent parsed)
    {
        try
        {
            switch (parsed)
            {
                case PingEvent:
                    return new WebhookResponse(200, WebhookResult.Pong, "pong", parsed);
                case PushEvent push:
                    _pushSink.OnPush(push);
                    return new WebhookResponse(202, WebhookResult.Accepted, "accepted", parsed);
                case PullRequestEvent pullRequest:
                    _pullRequestSink.OnPullRequest(pullRequest);
                    return new WebhookResponse(202, WebhookResult.Accepted, "accepted", parsed);
                default:
                    return new WebhookResponse(202, WebhookResult.Ignored, $"event {parsed.Name} is not used; ignored", parsed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _deliveries.Release(deliveryId);
            Log.SinkFailed(_logger, e, deliveryId, parsed.Name);
            return new WebhookResponse(503, WebhookResult.SinkFailed, "the delivery could not be queued; redeliver later");
        }
    }
}
