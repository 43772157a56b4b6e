using Reconciler.Core.Desired;
using Reconciler.GitHub.StandIn;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;
using Renci.SshNet;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>access.sshKeys.alice: { github: alice-gh }</c>: the worker fetches alice-gh's public keys through Octokit from the
/// GitHub stand-in (which validates every request against GitHub's official REST description) and the key it serves
/// logs in over SSH (SSH.NET), on the real engine; a second workspace of the same owner is served from the cache.
/// </summary>
public sealed class GitHubSshKeysTests : IAsyncLifetime
{
    private readonly AccessWorld _access = new();
    private readonly TempDirectory _keys = new("rc-gh-keys");
    private readonly string _tokenVariable = "RC_TEST_GH_KEYS_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secretVariable = "RC_TEST_GH_KEYS_HOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private GitHubStandIn _github = null!;

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task A_key_served_by_GitHub_for_the_owner_logs_in_over_ssh()
    {
        await LocalImages.EnsureSshdAsync();
        var keyPath = Path.Combine(_keys.Path, "alice");
        Assert.Equal(0, LocalImages.Run("ssh-keygen", $"-q -t ed25519 -N \"\" -C alice-gh -f {keyPath}").ExitCode);
        _github.AddUserKey("alice-gh", (await File.ReadAllTextAsync(keyPath + ".pub")).Trim());
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        _github.Auth.AllowToken(token);
        Environment.SetEnvironmentVariable(_tokenVariable, token);
        Environment.SetEnvironmentVariable(_secretVariable, Guid.NewGuid().ToString("N"));

        var (work, identity) = World.CreateRepository("ghk");
        work.Write(Files.WorkspaceFile, "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n  - name: one\n    access: { ssh: true }\n  - name: two\n    access: { ssh: true }\n");
        work.Write(Files.DevcontainerFile, $$"""{ "image": "{{LocalImages.Sshd}}" }""");
        work.CommitAndPush("two ssh workspaces of alice");
        await _access.StartAsync(work, $$"""
            webhooks: { secretEnv: {{_secretVariable}} }
            github: { apiUrl: "{{_github.BaseUrl}}", tokenEnv: {{_tokenVariable}} }
            access:
              sshKeys:
                alice: { github: alice-gh }
            """);
        await _access.WaitReadyAsync(new WorkspaceKey(identity, "one"), "workspace one is ready");
        await _access.WaitReadyAsync(new WorkspaceKey(identity, "two"), "workspace two is ready");

        foreach (var workspace in new[] { "one", "two" })
        {
            var container = await World.InspectAsync(identity, workspace);
            var port = int.Parse(container!.HostConfig.PortBindings["22/tcp"].Single().HostPort, System.Globalization.CultureInfo.InvariantCulture);
            using var privateKey = new PrivateKeyFile(keyPath);
            using var ssh = new SshClient("localhost", port, "root", privateKey);
            ssh.Connect();
            Assert.Equal("root", ssh.RunCommand("id -un").Result.Trim());
        }

        var calls = _github.Requests.Where(r => r.OperationId == "users/list-public-keys-for-user").ToList();
        var call = Assert.Single(calls);
        Assert.Equal(("/users/alice-gh/keys", 200, "token"), (call.Path, call.Status, call.AuthorizationScheme?.ToLowerInvariant()));
        Assert.Empty(_github.Violations);
    }

    public async Task InitializeAsync() => _github = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _access.DisposeAsync();
        await _github.DisposeAsync();
        _keys.Dispose();
        Environment.SetEnvironmentVariable(_tokenVariable, null);
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }
}
