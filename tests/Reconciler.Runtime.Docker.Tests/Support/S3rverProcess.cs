using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reconciler.ObjectStorage.S3;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Support;

/// <summary>
/// A real S3-compatible server for one test: npm <c>s3rver</c> (pinned in tests/s3-server/package-lock.json) on a free
/// port of 127.0.0.1 with its own data folder and one bucket. Fails loudly when the package is not installed.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    /// <summary>s3rver's built-in key pair.</summary>
    private const string Key = "S3RVER";

    private readonly Process _process;
    private readonly TempDirectory _data;

    private S3rverProcess(Process process, int port, TempDirectory data)
    {
        _process = process;
        _data = data;
        Url = new Uri($"http://127.0.0.1:{port}");
        Store = new S3ObjectStore(Settings);
    }

    public Uri Url { get; }

    public S3EndpointSettings Settings => new(Url, "us-east-1", PathStyle: true, Key, Key);

    /// <summary>The adapter itself, for arranging and reading the bucket in tests.</summary>
    public S3ObjectStore Store { get; }

    public static async Task<S3rverProcess> StartAsync(string bucket)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "s3-server");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed: run `npm ci --prefix {folder}` (.ci/run does)");
        }

        var port = FreePort();
        var data = new TempDirectory("rc-s3rver");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "-d", data.Path, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var server = new S3rverProcess(process, port, data);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
                server.Dispose();
                throw new InvalidOperationException($"s3rver did not listen on 127.0.0.1:{port}: {error}");
            }
        }

        // The bucket is configured right after the listener opens; wait until it answers.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await foreach (var unused in server.Store.ListAsync(bucket, "", CancellationToken.None))
                {
                }

                return server;
            }
            catch (Amazon.S3.AmazonS3Exception) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task PutAsync(string bucket, string key, string text)
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        await Store.UploadAsync(bucket, key, content, CancellationToken.None);
    }

    public async Task<string> GetAsync(string bucket, string key)
    {
        using var content = new MemoryStream();
        await Store.DownloadAsync(bucket, key, content, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(content.ToArray());
    }

    public async Task<IReadOnlyList<Core.Ports.StoredObject>> ListAsync(string bucket)
    {
        var items = new List<Core.Ports.StoredObject>();
        await foreach (var item in Store.ListAsync(bucket, "", CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    public void Dispose()
    {
        Store.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
