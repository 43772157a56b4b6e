using System.Net.WebSockets;
using System.Text;
using k8s;
using k8s.Autorest;
using Reconciler.Runtime.Kubernetes.Api;

namespace Reconciler.Runtime.Kubernetes.Lifecycle;

/// <summary>The outcome of one command run in a Pod's container: exit code and the last lines of its output.</summary>
internal sealed record ExecOutcome(int ExitCode, string OutputTail, string? Error = null)
{
    public bool Succeeded => ExitCode == 0 && Error is null;
}

/// <summary>
/// Runs a command in the workspace container through the exec API (<c>pods/{name}/exec</c>, WebSocket channel protocol)
/// with KubernetesClient. A non-zero exit is an outcome, not an exception; so is an API or connection failure.
/// </summary>
internal sealed class PodExec(IKubernetes client, ApiCallCounter calls)
{
    private const int TailBytes = 2000;

    public async Task<ExecOutcome> RunAsync(string ns, string pod, IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        calls.Write();
        try
        {
            var exit = await client.NamespacedPodExecAsync(
                pod, ns, Rendering.WorkspaceRenderer.ContainerName, argv, false,
                async (_, stdout, stderr) =>
                {
                    using var outReader = new StreamReader(stdout);
                    using var errReader = new StreamReader(stderr);
                    var both = await Task.WhenAll(outReader.ReadToEndAsync(cancellationToken), errReader.ReadToEndAsync(cancellationToken));
                    output.Append(both[0]).Append(both[1]);
                },
                cancellationToken);
            return new ExecOutcome(exit, Tail(output.ToString()));
        }
        catch (Exception e) when (e is KubernetesException or HttpOperationException or WebSocketException or HttpRequestException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ExecOutcome(-1, Tail(output.ToString()), e.Message);
        }
    }

    private static string Tail(string text) => text.Length <= TailBytes ? text.TrimEnd() : text[^TailBytes..].TrimEnd();
}
