using System.Net;
using Reconciler.Core.Access;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>access.jupyter: true</c> on the real engine: the container gets a 128-bit <c>JUPYTER_TOKEN</c> and Jupyter's
/// port on an allocated host port; the token is in no log line, no git file and not in plaintext in the database;
/// rotation through the API (another team: 404) recreates the container with a new token and the same spec hash.
/// </summary>
public sealed class JupyterAccessTests : IAsyncLifetime
{
    private readonly AccessWorld _access = new();

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task The_token_is_injected_kept_secret_and_rotated_by_recreating_the_container()
    {
        var (work, identity) = World.CreateRepository("nb");
        work.Write(Files.WorkspaceFile, "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n  - name: nb\n    access: { jupyter: true }\n");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("ml"));
        work.CommitAndPush("add nb");
        await _access.StartAsync(work);
        var key = new WorkspaceKey(identity, "nb");
        await _access.WaitReadyAsync(key, "the Jupyter workspace is ready");

        var before = await World.InspectAsync(identity, "nb");
        var token = AccessWorld.EnvOf(before!, "JUPYTER_TOKEN");
        Assert.Matches("^[0-9a-f]{32}$", token);
        var published = int.Parse(before!.HostConfig.PortBindings["8888/tcp"].Single().HostPort, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(HostPortRange.Default.Contains(published), $"8888 published on {published}");

        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/nb/jupyter/rotate", _access.WebToken)).Status);
        var rotated = await _access.SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/nb/jupyter/rotate", _access.MlToken);
        Assert.Equal(HttpStatusCode.Accepted, rotated.Status);
        Assert.Contains("\"recreating\":true", rotated.Body, StringComparison.Ordinal);

        string? newToken = null;
        await World.EventuallyAsync(
            async () => await World.InspectAsync(identity, "nb") is { } now && now.ID != before.ID && now.State.Running && (newToken = AccessWorld.EnvOf(now, "JUPYTER_TOKEN")) != token,
            TimeSpan.FromSeconds(60),
            "the container is created again with a new token");
        var after = await World.InspectAsync(identity, "nb");
        Assert.Equal(before.Config.Labels[OwnershipLabels.SpecHash], after!.Config.Labels[OwnershipLabels.SpecHash]);
        Assert.Matches("^[0-9a-f]{32}$", newToken!);
        await World.StopAsync();

        var log = World.Log;
        Assert.Contains("rotated the Jupyter token", log, StringComparison.Ordinal);
        var database = World.DatabaseBytes();
        var git = AccessWorld.GitHistory(work.Path);
        Assert.Contains("jupyter: true", git, StringComparison.Ordinal);
        foreach (var secret in new[] { token, newToken! })
        {
            Assert.DoesNotContain(secret, log, StringComparison.OrdinalIgnoreCase);
            Assert.False(Secrets.Contains(database, secret), "a Jupyter token is in the database in plaintext");
            Assert.DoesNotContain(secret, git, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, rotated.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _access.DisposeAsync();
}
