using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// The real worker with a libvirt host that lists a base image by URL and sha256: while the server is unreachable the
/// workspace is Failed with reason BaseImageDownloadFailed and nothing is in the image directory; once a real HTTP
/// server on 127.0.0.1 serves the qcow2 (built by the test with qemu-img), the worker's retry downloads it and the VM runs.
/// </summary>
public sealed class VmBaseImageDownloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly WorkerWorld _world = new();
    private readonly HttpListener _server = new();
    private string _domain = "";

    [Fact]
    public async Task An_unreachable_image_fails_the_workspace_with_a_reason_and_the_retry_downloads_it_once_served()
    {
        var (work, identity) = _world.CreateRepository("vmimage");
        var key = new WorkspaceKey(identity, "box");
        _domain = WorkspaceNames.Base(key);
        var folder = Path.GetDirectoryName(_world.ConfigPath)!;
        var built = Path.Combine(folder, "built.qcow2");
        VirshTool.CreateBlankImage(built);
        var image = await File.ReadAllBytesAsync(built);
        var port = FreePort();
        work.Write(Files.WorkspaceFile, """
            version: 1
            workspaces:
              - name: box
                deployment: vm
                host: kvm
                resources: { memory: 64Mi }
            """);
        work.Write(Files.DevcontainerFile, """{ "image": "net.qcow2" }""");
        work.CommitAndPush("a VM from a listed image");
        Directory.CreateDirectory(Path.Combine(folder, "images"));

        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            runtimes:
              libvirt:
                kvm:
                  imageDir: images
                  storageDir: vms
                  shutdownTimeoutSeconds: 1
                  images:
                    - { name: net.qcow2, url: "http://127.0.0.1:{{port}}/images/net.qcow2?token=not-logged", sha256: {{Convert.ToHexStringLower(SHA256.HashData(image))}} }
            """);
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Failed) is { Status: true, Reason: "BaseImageDownloadFailed" },
            Timeout,
            "the workspace is Failed with BaseImageDownloadFailed");
        var failed = (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))!.Condition(WorkspaceConditionType.Failed)!;
        Assert.Contains($"base image 'net.qcow2' could not be downloaded: http://127.0.0.1:{port}/images/net.qcow2 is unreachable", failed.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "images")));
        Assert.Null(VirshTool.State(_domain));

        var gets = 0;
        Serve(port, "/images/net.qcow2", image, () => Interlocked.Increment(ref gets));
        await _world.EventuallyAsync(() => Task.FromResult(VirshTool.State(_domain) == "running"), Timeout, "the retry downloads the image and starts the VM");
        Assert.Equal(image, await File.ReadAllBytesAsync(Path.Combine(folder, "images", "net.qcow2")));
        Assert.Equal(["net.qcow2"], Directory.GetFiles(Path.Combine(folder, "images")).Select(Path.GetFileName));
        Assert.Equal(1, gets);
        Assert.DoesNotContain("not-logged", _world.Log, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.StopAsync();
        if (_domain.Length > 0)
        {
            VirshTool.RemoveIfPresent(_domain);
        }

        if (_server.IsListening)
        {
            _server.Stop();
        }

        _server.Close();
        await _world.DisposeAsync();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A real HTTP server on 127.0.0.1:<paramref name="port"/> answering <paramref name="path"/> with <paramref name="body"/>.</summary>
    private void Serve(int port, string path, byte[] body, Action onGet)
    {
        _server.Prefixes.Add($"http://127.0.0.1:{port}/");
        _server.Start();
        _ = Task.Run(async () =>
        {
            while (_server.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _server.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var response = context.Response;
                if (context.Request.Url!.AbsolutePath == path)
                {
                    onGet();
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body);
                }
                else
                {
                    response.StatusCode = 404;
                }
            }
        });
    }
}
