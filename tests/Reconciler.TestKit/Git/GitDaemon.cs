using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.TestKit.Git;

/// <summary>
/// A real <c>git daemon</c> on 127.0.0.1 and a random free port, serving bare repositories under a temporary
/// base path (push enabled). One per test class; each test makes its own repository, so tests stay isolated.
/// </summary>
public sealed class GitDaemon : IDisposable
{
    private readonly TempDirectory _base = new("reconciler-gitd");
    private readonly Process _process;

    public GitDaemon()
    {
        Port = FreePort();
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", $"--base-path={_base.Path}", $"--port={Port}", "--listen=127.0.0.1" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    public int Port { get; }

    public string BasePath => _base.Path;

    public string UrlOf(string name) => $"git://127.0.0.1:{Port}/{name}.git";

    /// <summary>Creates an empty bare repository served as <paramref name="name"/> and a working clone to commit from.</summary>
    public WorkRepository CreateRepository(string name)
    {
        var bare = Path.Combine(BasePath, name + ".git");
        Directory.CreateDirectory(bare);
        GitCli.Run(bare, "init", "--bare", "--quiet");
        return new WorkRepository(UrlOf(name));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        _base.Dispose();
    }

    /// <summary>A port that was free a moment ago and is now closed: connecting to it is refused.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"git daemon exited with {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"git daemon did not listen on {Port}");
    }
}
