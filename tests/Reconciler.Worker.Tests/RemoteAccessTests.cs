using System.Net;
using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;
using Renci.SshNet;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>access: { ssh, vnc, rdp }</c> of a desktop workspace through the real worker and engine: the owner's key from
/// <c>access.sshKeys</c> logs in with the command /connect gives; VNC and RDP are published on loopback with generated
/// passwords that reach the container and /connect, and that are in no log line, no git file and not in plaintext in
/// the database.
/// </summary>
public sealed class RemoteAccessTests : IAsyncLifetime
{
    private readonly AccessWorld _access = new();
    private readonly TempDirectory _keys = new("rc-ssh-keys");

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task Ssh_vnc_and_rdp_are_reachable_with_what_connect_reports_and_their_passwords_stay_secret()
    {
        await LocalImages.EnsureSshdAsync();
        var keyPath = Path.Combine(_keys.Path, "alice");
        Assert.Equal(0, LocalImages.Run("ssh-keygen", $"-q -t ed25519 -N \"\" -C alice -f {keyPath}").ExitCode);
        var publicKey = (await File.ReadAllTextAsync(keyPath + ".pub")).Trim();

        var (work, identity) = World.CreateRepository("desk");
        work.Write(Files.WorkspaceFile, "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n  - name: desk\n    type: desktop\n    access: { ssh: true, vnc: true, rdp: true }\n");
        work.Write(Files.DevcontainerFile, $$"""{ "image": "{{LocalImages.Sshd}}" }""");
        work.CommitAndPush("add desk");
        await _access.StartAsync(work, $"access:\n  sshKeys:\n    alice: [\"{publicKey}\"]\n");
        var key = new WorkspaceKey(identity, "desk");
        await _access.WaitReadyAsync(key, "the desktop workspace is ready");

        var container = await World.InspectAsync(identity, "desk");
        var vncPassword = AccessWorld.EnvOf(container!, "VNC_PASSWORD");
        var rdpPassword = AccessWorld.EnvOf(container!, "RDP_PASSWORD");
        Assert.Matches("^[0-9a-f]{32}$", vncPassword);
        Assert.Matches("^[0-9a-f]{32}$", rdpPassword);
        Assert.NotEqual(vncPassword, rdpPassword);
        string Binding(string port) => $"{container!.HostConfig.PortBindings[port].Single().HostIP}:{container.HostConfig.PortBindings[port].Single().HostPort}";
        Assert.StartsWith("127.0.0.1:", Binding("5900/tcp"), StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1:", Binding("3389/tcp"), StringComparison.Ordinal);
        Assert.Equal(vncPassword, DockerExec.Run(container!.Name.TrimStart('/'), "printf %s \"$VNC_PASSWORD\"", "root"));

        var connect = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/desk/connect", _access.MlToken);
        Assert.Equal(HttpStatusCode.OK, connect.Status);
        using (var json = JsonDocument.Parse(connect.Body))
        {
            var root = json.RootElement;
            var sshPort = container.HostConfig.PortBindings["22/tcp"].Single().HostPort;
            Assert.Equal($"ssh -p {sshPort} root@localhost", root.GetProperty("ssh").GetString());
            Assert.Equal((Binding("5900/tcp"), "vnc://" + Binding("5900/tcp"), vncPassword), Desktop(root.GetProperty("vnc")));
            Assert.Equal((Binding("3389/tcp"), "rdp://" + Binding("3389/tcp"), rdpPassword), Desktop(root.GetProperty("rdp")));

            using var privateKey = new PrivateKeyFile(keyPath);
            using var ssh = new SshClient("localhost", int.Parse(sshPort, System.Globalization.CultureInfo.InvariantCulture), "root", privateKey);
            ssh.Connect();
            Assert.Equal("root", ssh.RunCommand("id -un").Result.Trim());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/desk/connect", _access.WebToken)).Status);
        await World.StopAsync();
        var log = World.Log;
        var database = World.DatabaseBytes();
        var git = AccessWorld.GitHistory(work.Path);
        Assert.Contains("Started the SSH server", log, StringComparison.Ordinal);
        Assert.Contains("vnc: true", git, StringComparison.Ordinal);
        foreach (var secret in new[] { vncPassword, rdpPassword })
        {
            Assert.DoesNotContain(secret, log, StringComparison.OrdinalIgnoreCase);
            Assert.False(Secrets.Contains(database, secret), "a generated password is in the database in plaintext");
            Assert.DoesNotContain(secret, git, StringComparison.OrdinalIgnoreCase);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _access.DisposeAsync();
        _keys.Dispose();
    }

    private static (string?, string?, string?) Desktop(JsonElement info)
        => (info.GetProperty("address").GetString(), info.GetProperty("url").GetString(), info.GetProperty("password").GetString());
}
