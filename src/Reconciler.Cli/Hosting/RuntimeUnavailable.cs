using System.Net.Http;
using System.Net.Sockets;

namespace Reconciler.Cli.Hosting;

/// <summary>Recognises "engine not reachable" failures so the CLI can say so in one line.</summary>
internal static class RuntimeUnavailable
{
    public static bool Matches(Exception exception)
        => exception.GetBaseException() is SocketException or HttpRequestException or TimeoutException
           || exception is HttpRequestException
           || exception.GetType().Name.Contains("DockerApi", StringComparison.Ordinal);
}
