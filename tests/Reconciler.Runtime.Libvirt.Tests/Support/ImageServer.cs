using System.Net;
using System.Net.Sockets;

namespace Reconciler.Runtime.Libvirt.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 (<see cref="HttpListener"/>) serving files by path and counting the GETs of each.</summary>
internal sealed class ImageServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _gets = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public ImageServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>A loopback port nothing listens on (for "unreachable").</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public Uri Serve(string path, byte[] content)
    {
        lock (_files)
        {
            _files["/" + path] = content;
        }

        return new Uri($"http://127.0.0.1:{Port}/{path}");
    }

    public int Gets(string path)
    {
        lock (_files)
        {
            return _gets.GetValueOrDefault("/" + path);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            byte[]? body;
            lock (_files)
            {
                var path = context.Request.Url!.AbsolutePath;
                _gets[path] = _gets.GetValueOrDefault(path) + 1;
                body = _files.GetValueOrDefault(path);
            }

            using var response = context.Response;
            response.StatusCode = body is null ? 404 : 200;
            if (body is not null)
            {
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
        }
    }
}
