using Reconciler.GitHub.Webhooks.Body;
using Reconciler.GitHub.Webhooks.Delivery;
using Reconciler.GitHub.Webhooks.Parsing;

namespace Reconciler.GitHub.Webhooks;

/// <summary>Settings of the webhook endpoint. <see cref="Validate"/> lists every problem; the handler refuses invalid options.</summary>
public sealed class WebhookOptions
{
    /// <summary>GitHub never sends more than 25 MB, so a larger cap only helps an attacker.</summary>
    public const int MaxAllowedBodyBytes = 25 * 1024 * 1024;

    /// <summary>Bodies over this many bytes are refused with 413 before they are verified. Default: 5 MiB.</summary>
    public int MaxBodyBytes { get; set; } = WebhookBodyReader.DefaultMaxBytes;

    /// <summary>How long a delivery id is remembered to drop redeliveries. Default: 1 hour.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = DeliveryDeduplicator.DefaultWindow;

    /// <summary>Most delivery ids remembered; the oldest is forgotten first. Default: 10,000.</summary>
    public int DeduplicationCapacity { get; set; } = DeliveryDeduplicator.DefaultCapacity;

    /// <summary>Deepest JSON nesting accepted. Default: 64.</summary>
    public int MaxJsonDepth { get; set; } = WebhookParser.DefaultMaxDepth;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBodyBytes is < 1024 or > MaxAllowedBodyBytes)
        {
            errors.Add($"MaxBodyBytes must be between 1 KiB and 25 MiB (GitHub's own limit); it is {MaxBodyBytes}.");
        }

        if (DeduplicationWindow <= TimeSpan.Zero)
        {
            errors.Add($"DeduplicationWindow must be positive; it is {DeduplicationWindow}.");
        }

        if (DeduplicationCapacity <= 0)
        {
            errors.Add($"DeduplicationCapacity must be positive; it is {DeduplicationCapacity}.");
        }

        if (MaxJsonDepth is < 8 or > 256)
        {
            errors.Add($"MaxJsonDepth must be between 8 and 256; it is {MaxJsonDepth}.");
        }

        return errors;
    }
}
