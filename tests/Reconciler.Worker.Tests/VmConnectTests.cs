using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Reconciler.Core.Desired;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>/connect</c> for a <c>deployment: vm</c> desktop with <c>access.rdp</c> on real libvirt/KVM: the VNC address and
/// password are libvirt's graphics of the running domain; RDP is a host port from the host's <c>portRange</c> that QEMU
/// listens on and forwards to the guest's 3389, with the sealed RDP password (also written into the guest's seed). A
/// recreate keeps the RDP port and password; another team gets 404; the password is in no log line and not in
/// plaintext in the database. (The guest here is a blank disk that boots nothing, so nothing answers behind 3389: the
/// test proves the forward's host side and its target in QEMU's arguments, not an RDP session.)
/// </summary>
public sealed class VmConnectTests : IAsyncLifetime
{
    private readonly AccessWorld _access = new();
    private string _domain = "";

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task A_desktop_VM_gets_its_VNC_and_a_forwarded_RDP_port_in_connect_kept_across_recreate()
    {
        var (work, identity) = World.CreateRepository("vmc");
        var key = new WorkspaceKey(identity, "win");
        _domain = WorkspaceNames.Base(key);
        Directory.CreateDirectory(Path.Combine(_access.Folder, "images"));
        VirshTool.CreateBlankImage(Path.Combine(_access.Folder, "images", "blank.qcow2"));
        work.Write(Files.WorkspaceFile, Workspace("64Mi"));
        work.Write(Files.DevcontainerFile, """{ "image": "blank.qcow2" }""");
        work.CommitAndPush("add a Windows desktop VM");

        await _access.StartAsync(work, """
            runtimes:
              libvirt:
                kvm: { imageDir: images, storageDir: vms, shutdownTimeoutSeconds: 1, portRange: 34100-34199 }
            """);
        await _access.WaitReadyAsync(key, "the VM is ready");

        var first = await ConnectAsync(identity);
        var graphics = Graphics();
        Assert.Equal($"127.0.0.1:{(string?)graphics.Attribute("port")}", first.VncAddress);
        Assert.Equal((string?)graphics.Attribute("passwd"), first.VncPassword);
        Assert.Equal("vnc://" + first.VncAddress, first.VncUrl);

        Assert.StartsWith("127.0.0.1:", first.RdpAddress, StringComparison.Ordinal);
        var rdpPort = int.Parse(first.RdpAddress["127.0.0.1:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(rdpPort, 34100, 34199);
        Assert.Equal("rdp://" + first.RdpAddress, first.RdpUrl);
        Assert.Matches("^[0-9a-f]{32}$", first.RdpPassword);
        Assert.Contains($"hostfwd=tcp:127.0.0.1:{rdpPort}-:3389", Dumpxml(), StringComparison.Ordinal);
        await AssertListeningAsync(rdpPort);
        var seed = Path.Combine(_access.Folder, "vms", _domain + "-seed.iso");
        Assert.Contains($"content: \"{first.RdpPassword}\"", Encoding.UTF8.GetString(File.ReadAllBytes(seed)), StringComparison.Ordinal);

        var other = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/win/connect", _access.WebToken);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.DoesNotContain(first.RdpPassword, other.Body, StringComparison.Ordinal);

        // A new spec recreates the domain: the RDP port and password stay, and QEMU listens on the same port again.
        var uuidBefore = VirshTool.Run("domuuid", _domain).Trim();
        work.Write(Files.WorkspaceFile, Workspace("80Mi"));
        work.CommitAndPush("more memory");
        Assert.Equal(HttpStatusCode.Accepted, (await _access.SendAsync(HttpMethod.Post, $"/api/repositories/{identity}/sync", _access.MlToken)).Status);
        await World.EventuallyAsync(
            () => Task.FromResult(VirshTool.Try("domuuid", _domain) is (0, var uuid) && uuid.Trim() != uuidBefore && VirshTool.Try("domstate", _domain).Output.Contains("running", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90),
            "the VM is recreated and running");
        await _access.WaitReadyAsync(key, "the recreated VM is ready");
        var second = await ConnectAsync(identity);
        Assert.Equal((first.RdpAddress, first.RdpPassword), (second.RdpAddress, second.RdpPassword));
        Assert.Contains($"hostfwd=tcp:127.0.0.1:{rdpPort}-:3389", Dumpxml(), StringComparison.Ordinal);
        await AssertListeningAsync(rdpPort);

        Assert.DoesNotContain(first.RdpPassword, World.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(first.RdpPassword, Encoding.UTF8.GetString(World.DatabaseBytes()), StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _access.DisposeAsync();
        if (_domain.Length > 0)
        {
            VirshTool.Try("destroy", _domain);
            VirshTool.Try("undefine", _domain);
        }
    }

    private static string Workspace(string memory) => $$"""
        version: 1
        defaults: { team: ml-research, owner: alice }
        workspaces:
          - name: win
            deployment: vm
            host: kvm
            type: desktop
            access: { rdp: true }
            resources: { memory: {{memory}} }
        """;

    private async Task<Connect> ConnectAsync(string identity)
    {
        var (status, body) = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/win/connect", _access.MlToken);
        Assert.True(status == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var vnc = json.RootElement.GetProperty("vnc");
        var rdp = json.RootElement.GetProperty("rdp");
        Assert.True(vnc.ValueKind == JsonValueKind.Object && rdp.ValueKind == JsonValueKind.Object, body);
        return new Connect(
            vnc.GetProperty("address").GetString()!,
            vnc.GetProperty("url").GetString()!,
            vnc.GetProperty("password").GetString()!,
            rdp.GetProperty("address").GetString()!,
            rdp.GetProperty("url").GetString()!,
            rdp.GetProperty("password").GetString()!);
    }

    /// <summary>Something accepts TCP connections on 127.0.0.1:<paramref name="port"/> (QEMU's forward; waits for the domain's start).</summary>
    private async Task AssertListeningAsync(int port)
        => await World.EventuallyAsync(
            async () =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            $"QEMU listens on 127.0.0.1:{port}");

    private XElement Graphics()
        => XElement.Parse(VirshTool.Run("dumpxml", "--security-info", _domain))
            .Element("devices")!.Elements("graphics").Single(g => (string?)g.Attribute("type") == "vnc");

    private string Dumpxml() => VirshTool.Run("dumpxml", _domain);


    private sealed record Connect(string VncAddress, string VncUrl, string VncPassword, string RdpAddress, string RdpUrl, string RdpPassword);
}
