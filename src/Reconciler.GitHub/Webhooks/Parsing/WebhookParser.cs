using System.Text.Json;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>
/// Turns a verified body into a typed event. Bad input of any kind (invalid JSON, too deep, wrong types,
/// missing members) yields a <see cref="WebhookParseError"/>, never an exception.
/// </summary>
internal static class WebhookParser
{
    /// <summary>Deepest nesting accepted; GitHub payloads nest about 6 levels.</summary>
    public const int DefaultMaxDepth = 64;

    public static WebhookParseResult Parse(string eventName, ReadOnlyMemory<byte> body, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var options = new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false };
        try
        {
            using var document = JsonDocument.Parse(body, options);
            var root = PayloadObject.Root(document.RootElement);
            WebhookEvent parsed = eventName switch
            {
                "ping" => new PingEvent(root.OptionalString("zen"), root.OptionalInt64("hook_id"), root.OptionalObject("repository")?.String("full_name")),
                "push" => PushPayload.Read(root),
                "pull_request" => PullRequestPayload.Read(root),
                _ => new UnknownEvent(eventName),
            };
            return WebhookParseResult.Ok(parsed);
        }
        catch (JsonException e)
        {
            return WebhookParseResult.Failed("invalid JSON" + Where(e));
        }
        catch (PayloadException e)
        {
            return WebhookParseResult.Failed(e.Message);
        }
    }

    private static string Where(JsonException e)
        => e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : string.Empty;
}
