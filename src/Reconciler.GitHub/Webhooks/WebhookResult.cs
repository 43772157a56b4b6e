namespace Reconciler.GitHub.Webhooks;

/// <summary>What became of a delivery; one counter each (<see cref="WebhookCounters"/>).</summary>
public enum WebhookResult
{
    /// <summary>202: a push or pull_request was verified, parsed and handed to its sink.</summary>
    Accepted,

    /// <summary>202: a verified event this worker does not act on.</summary>
    Ignored,

    /// <summary>200: a verified ping.</summary>
    Pong,

    /// <summary>202: a delivery id already accepted within the window; nothing was done again.</summary>
    Duplicate,

    /// <summary>401: no <c>X-Hub-Signature-256</c> header (or no secret is configured).</summary>
    SignatureMissing,

    /// <summary>401: the signature is malformed or does not match any configured secret.</summary>
    SignatureInvalid,

    /// <summary>413: the body is over the cap; it was not read to the end.</summary>
    TooLarge,

    /// <summary>400: headers or body are not a well-formed delivery (invalid JSON, wrong types, missing fields).</summary>
    Malformed,

    /// <summary>503: a sink threw; the delivery id is forgotten so a redelivery is processed.</summary>
    SinkFailed,
}
