using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Features;

/// <summary>A Feature named by a tarball URL (<c>https://…/devcontainer-feature-ID.tgz</c>), served by a real HTTP listener on loopback.</summary>
public sealed class FeatureTarballTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();
    private readonly HttpListener _listener = new();
    private int _port;
    private int _requests;

    public async Task InitializeAsync()
    {
        await _t.InitializeAsync();
        _port = LocalRegistry.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = ServeAsync(Tarball());
    }

    public async Task DisposeAsync()
    {
        _listener.Close();
        await _t.DisposeAsync();
    }

    [Fact]
    public async Task A_tarball_Feature_installs_and_is_cached_by_its_content()
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        _t.Checkout.Write(".devcontainer/devcontainer.json", $$"""
            { "image": "{{LocalImages.Busybox}}", "features": { "http://127.0.0.1:{{_port}}/releases/devcontainer-feature-packed.tgz": { "flavour": "mint" } } }
            """);
        var loaded = Core.Desired.WorkspaceLoader.Load(_t.Content, new Core.Desired.LoaderOptions());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var desired = Assert.Single(loaded.Workspaces);

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        Assert.Equal("packed mint\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /packed.txt"));
        Assert.Equal(1, _requests);
        var builds = _t.Runtime.FeatureBuilds;
        var again = await _t.ApplyAsync(PlanActionKind.Recreate, desired, await _t.ObserveOneAsync());
        Assert.True(again.Outcome == ApplyOutcome.Succeeded, again.Message);
        Assert.Equal(builds, _t.Runtime.FeatureBuilds);
    }

    private async Task ServeAsync(byte[] tarball)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            if (context.Request.Url?.AbsolutePath == "/releases/devcontainer-feature-packed.tgz")
            {
                context.Response.ContentType = "application/gzip";
                await context.Response.OutputStream.WriteAsync(tarball);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    private static byte[] Tarball()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            void Add(string name, string text, UnixFileMode mode)
                => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)), Mode = mode });
            Add("./devcontainer-feature.json", """{ "id": "packed", "version": "0.1.0", "options": { "flavour": { "type": "string", "default": "plain" } } }""", (UnixFileMode)0b110_100_100);
            Add("./install.sh", "#!/bin/sh\necho \"packed $FLAVOUR\" > /packed.txt\n", (UnixFileMode)0b111_101_101);
        }

        return output.ToArray();
    }
}
