using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.TestKit;

/// <summary>
/// A real OCI registry (Debian <c>docker-registry</c>, the CNCF distribution registry) on 127.0.0.1 and a free port, with
/// its own temp storage; stopped and deleted on dispose. Its address is <c>localhost:PORT</c>, the name
/// @devcontainers/cli speaks plain HTTP to. Missing binary is a failure (.ci/run installs it).
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;
    private readonly TempDirectory _root;

    private LocalRegistry(Process process, TempDirectory root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>localhost:PORT</c>.</summary>
    public string Host => $"localhost:{Port}";

    /// <summary>A user the registry requires when started with <c>requireLogin</c> (basic auth, htpasswd with a bcrypt hash).</summary>
    public const string User = "ci";

    /// <summary>The password of <see cref="User"/>.</summary>
    public const string Password = "feature-test-secret";

    private const string Htpasswd = "ci:$2a$10$abcdefghijklmnopqrstuuUyniTPvlEuaUl1Dbq/xDdzkdbUmM0A.";

    /// <param name="requireLogin">Every request needs <see cref="User"/>/<see cref="Password"/> (htpasswd basic auth).</param>
    public static async Task<LocalRegistry> StartAsync(bool requireLogin = false)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install -y docker-registry (.ci/run does)");
        }

        var root = new TempDirectory("rc-registry");
        var port = FreePort();
        var auth = requireLogin ? $"auth:\n  htpasswd:\n    realm: reconciler-test\n    path: {root.Write("htpasswd", Htpasswd + "\n")}\n" : string.Empty;
        var config = root.Write("config.yml", $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {root.Path}/data\nhttp:\n  addr: 127.0.0.1:{port}\n{auth}");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, root, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/v2/");
                if (response.StatusCode == HttpStatusCode.OK || (requireLogin && response.StatusCode == HttpStatusCode.Unauthorized))
                {
                    return registry;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await registry.DisposeAsync();
                throw new InvalidOperationException($"docker-registry on port {port} did not answer /v2/ within 60 s");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _root.Dispose();
    }

    /// <summary>A port the kernel hands out now (free at that instant).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
