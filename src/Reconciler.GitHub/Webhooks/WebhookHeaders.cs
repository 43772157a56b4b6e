namespace Reconciler.GitHub.Webhooks;

/// <summary>
/// Shape checks for the two headers that are used as keys: the event name selects a parser and the delivery
/// id is stored for de-duplication, so both are bounded and restricted to the characters GitHub uses.
/// </summary>
internal static class WebhookHeaders
{
    public static bool IsEventName(string? value)
        => value is { Length: > 0 and <= 64 } && value.All(c => c is (>= 'a' and <= 'z') or '_');

    /// <summary>GitHub sends a GUID; anything up to 128 letters, digits and dashes is accepted.</summary>
    public static bool IsDeliveryId(string? value)
        => value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
