using System.Text.Json;
using Docker.DotNet;

namespace Reconciler.Runtime.Docker.Engine;

/// <summary>Extracts the daemon's own message (<c>{"message": …}</c>) from an API error.</summary>
internal static class DockerErrors
{
    public static string Message(DockerApiException exception)
    {
        var body = exception.ResponseBody;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("message", out var message)
                    && message.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (JsonException)
            {
            }

            return body.Trim();
        }

        return exception.Message;
    }
}
