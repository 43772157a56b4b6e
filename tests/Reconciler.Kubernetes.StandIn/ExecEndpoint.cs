using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>One command a client ran through <c>pods/{name}/exec</c>.</summary>
public sealed record ExecRequest(string Namespace, string Pod, string Container, IReadOnlyList<string> Command);

/// <summary>What the stand-in answers to an exec: the exit code and what the command "printed".</summary>
public sealed record ExecReply(int ExitCode, string Stdout = "", string Stderr = "");

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/exec?command=…&amp;container=…&amp;stdout=1&amp;stderr=1</c> upgraded to a
/// WebSocket with the channel protocol (<c>v5.channel.k8s.io</c> or <c>v4.channel.k8s.io</c>, whichever the client offers
/// first of those): every binary message is one channel byte (1 stdout, 2 stderr, 3 error/status) and the payload. The
/// reply is the command's output, then a <c>metav1.Status</c> on channel 3 (<c>Success</c>, or <c>Failure</c> with reason
/// <c>NonZeroExitCode</c> and the exit code as the cause <c>ExitCode</c>), then a normal close — as the kubelet's exec does.
/// A Pod that does not exist, or is not Running, answers 404 / 400 before the upgrade.
/// </summary>
internal static class ExecEndpoint
{
    private static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

    /// <summary>The exec path's namespace and Pod, or null when <paramref name="path"/> is not an exec path.</summary>
    public static (string Namespace, string Pod)? Parse(string path)
        => path.Trim('/').Split('/') is ["api", "v1", "namespaces", var ns, "pods", var pod, "exec"] ? (ns, pod) : null;

    public static async Task<int> HandleAsync(HttpContext context, string ns, string pod, ObjectStore store, Func<ExecRequest, ExecReply> reply, Action<ExecRequest> record)
    {
        var stored = store.Get(new ResourcePath("v1", "pods", ns, pod));
        if (stored is null)
        {
            return await Responses.StatusAsync(context, 404, "NotFound", $"pods \"{pod}\" not found");
        }

        if (stored["status"]?["phase"]?.GetValue<string>() != "Running")
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", $"pod {pod} is not running: cannot exec into a container in a completed or pending pod");
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", "Upgrade request required");
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = Protocols.FirstOrDefault(offered.Contains);
        if (protocol is null)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", $"no supported channel protocol in [{string.Join(", ", offered)}]");
        }

        var query = context.Request.Query;
        var request = new ExecRequest(ns, pod, query["container"].ToString(), [.. query["command"].Select(c => c ?? "")]);
        record(request);
        var answer = reply(request);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var cancel = context.RequestAborted;
        await SendAsync(socket, 1, answer.Stdout, cancel);
        await SendAsync(socket, 2, answer.Stderr, cancel);
        await SendAsync(socket, 3, Status(request, answer.ExitCode).ToJsonString(), cancel);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancel);
        return 101;
    }

    private static JsonObject Status(ExecRequest request, int exitCode)
        => exitCode == 0
            ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
            : new JsonObject
            {
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = $"command terminated with non-zero exit code: error executing command [{string.Join(' ', request.Command)}], exit code {exitCode}",
                ["reason"] = "NonZeroExitCode",
                ["details"] = new JsonObject
                {
                    ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                },
            };

    private static async Task SendAsync(WebSocket socket, byte channel, string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0 && channel != 3)
        {
            return;
        }

        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame, 1);
        await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
    }
}
