using System.Globalization;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;
using Renci.SshNet;
using Renci.SshNet.Common;
using PortBinding = Reconciler.Core.Desired.PortBinding;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>
/// <c>access.ssh</c> on the real engine with a local image that has OpenSSH's sshd: the owner's key logs in (SSH.NET),
/// another key is refused, the host key survives a recreate and sshd comes back after a stop/start. An image without
/// sshd and an owner without keys fail with their own reasons.
/// </summary>
public sealed class SshAccessTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();
    private readonly TempDirectory _keys = new("rc-ssh-keys");
    private DockerWorkspaceRuntime? _runtime;

    public async Task InitializeAsync()
    {
        await _t.InitializeAsync();
        await LocalImages.EnsureSshdAsync();
    }

    public async Task DisposeAsync()
    {
        _runtime?.Dispose();
        await _t.DisposeAsync();
        _keys.Dispose();
    }

    [Fact]
    public async Task The_owners_key_logs_in_another_key_is_refused_and_the_host_key_survives_recreate_and_restart()
    {
        var owner = NewKey("alice");
        var stranger = NewKey("mallory");
        var runtime = Runtime(d => d.Spec.Owner == "alice" ? [File.ReadAllText(owner + ".pub").Trim()] : []);
        var desired = WithSsh(DesiredWorkspaces.For(_t.Repository, image: LocalImages.Sshd), "alice");

        var created = await ApplyAsync(runtime, PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var port = await SshPortAsync();
        var (output, fingerprint) = Login(port, owner);
        Assert.Equal("root", output);
        Assert.Throws<SshAuthenticationException>(() => Login(port, stranger));

        var ignored = RuntimeTestContext.Exec(_t.ContainerName(), $"cat {DesiredWorkspaces.WorkspaceFolder}/.reconciler/ssh/.gitignore");
        Assert.Equal("*", ignored.Trim());

        var recreated = await ApplyAsync(runtime, PlanActionKind.Recreate, desired, await _t.ObserveOneAsync());
        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
        var (_, afterRecreate) = Login(await SshPortAsync(), owner);
        Assert.Equal(fingerprint, afterRecreate);

        await _t.Client.Containers.StopContainerAsync(_t.ContainerName(), new ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        var started = await ApplyAsync(runtime, PlanActionKind.Start, desired, await _t.ObserveOneAsync());
        Assert.True(started.Outcome == ApplyOutcome.Succeeded, started.Message);
        var (again, afterRestart) = Login(await SshPortAsync(), owner);
        Assert.Equal(("root", fingerprint), (again, afterRestart));
    }

    [Fact]
    public async Task An_image_without_sshd_fails_with_SshServerMissing()
    {
        var key = NewKey("alice");
        var runtime = Runtime(_ => [File.ReadAllText(key + ".pub").Trim()]);

        var result = await ApplyAsync(runtime, PlanActionKind.Create, WithSsh(_t.Desired(), "alice"));

        Assert.Equal((ApplyOutcome.Failed, "SshServerMissing"), (result.Outcome, result.Reason));
        Assert.Contains("openssh-server", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_without_keys_fails_with_SshKeysMissing_before_anything_is_created()
    {
        var runtime = Runtime(_ => []);

        var result = await ApplyAsync(runtime, PlanActionKind.Create, WithSsh(DesiredWorkspaces.For(_t.Repository, image: LocalImages.Sshd), "bob"));

        Assert.Equal((ApplyOutcome.Failed, "SshKeysMissing"), (result.Outcome, result.Reason));
        Assert.Contains("'bob'", result.Message, StringComparison.Ordinal);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        Assert.Empty(await _t.VolumesAsync());
    }

    private static DesiredWorkspace WithSsh(DesiredWorkspace desired, string owner)
    {
        var withPort = desired.WithField("ports.22/tcp", "127.0.0.1:auto");
        return withPort with
        {
            Spec = withPort.Spec with { Owner = owner, Access = new AccessSpec(Ssh: true) },
            Container = withPort.Container with { Ports = [new PortBinding(22, null, "tcp", "127.0.0.1")] },
        };
    }

    private DockerWorkspaceRuntime Runtime(Func<DesiredWorkspace, IReadOnlyList<string>> keys)
    {
        _runtime = new DockerWorkspaceRuntime(RuntimeTestContext.Endpoint, new DockerRuntimeOptions
        {
            StopTimeout = TimeSpan.FromSeconds(2),
            SshAuthorizedKeys = (d, _) => Task.FromResult(keys(d)),
        }, NullLogger<DockerWorkspaceRuntime>.Instance);
        return _runtime;
    }

    private Task<ApplyResult> ApplyAsync(DockerWorkspaceRuntime runtime, PlanActionKind kind, DesiredWorkspace desired, WorkspaceObservation? observed = null)
        => runtime.ApplyAsync(new PlanAction(kind, desired.Key, desired, observed, []), new ApplyContext(_t.Content, false), CancellationToken.None);

    private async Task<int> SshPortAsync()
    {
        var container = await _t.Client.Containers.InspectContainerAsync(_t.ContainerName());
        return int.Parse(container.NetworkSettings.Ports["22/tcp"].Single(b => b.HostIP == "127.0.0.1").HostPort, CultureInfo.InvariantCulture);
    }

    /// <summary>A new ed25519 key pair made by ssh-keygen; returns the private key's path (the public key is beside it).</summary>
    private string NewKey(string name)
    {
        var path = Path.Combine(_keys.Path, name);
        var made = LocalImages.Run("ssh-keygen", $"-q -t ed25519 -N \"\" -C {name} -f {path}");
        Assert.True(made.ExitCode == 0, made.Output);
        return path;
    }

    /// <summary>Logs in as root with one key, runs a command, and returns its output and the server's host key fingerprint.</summary>
    private static (string Output, string Fingerprint) Login(int port, string keyPath)
    {
        using var key = new PrivateKeyFile(keyPath);
        using var client = new SshClient("127.0.0.1", port, "root", key);
        string? fingerprint = null;
        client.HostKeyReceived += (_, e) => fingerprint = e.FingerPrintSHA256;
        client.ConnectionInfo.Timeout = TimeSpan.FromSeconds(10);
        ConnectWithRetry(client);
        using var command = client.RunCommand("id -un");
        client.Disconnect();
        return (command.Result.Trim(), fingerprint ?? throw new InvalidOperationException("no host key was received"));
    }

    /// <summary>sshd is started before the create returns; a fresh port may still refuse for a moment under load.</summary>
    private static void ConnectWithRetry(SshClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                client.Connect();
                return;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or SshConnectionException && attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }
}
