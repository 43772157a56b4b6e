using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
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
    private readonly WorkerWorld _world = new();
    private readonly string _mlToken = "ml-" + Guid.NewGuid().ToString("N");
    private readonly string _webToken = "web-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_token_is_injected_kept_secret_and_rotated_by_recreating_the_container()
    {
        var (work, identity) = _world.CreateRepository("nb");
        work.Write(Files.WorkspaceFile, "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n  - name: nb\n    access: { jupyter: true }\n");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("ml"));
        work.CommitAndPush("add nb");
        var folder = Path.GetDirectoryName(_world.ConfigPath)!;
        await File.WriteAllTextAsync(Path.Combine(folder, "secrets.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await File.WriteAllTextAsync(Path.Combine(folder, "ml.token"), _mlToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "web.token"), _webToken);
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            database: { secretsKeyFile: secrets.key }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            api:
              tokens:
                - { name: ml, role: team, team: ml-research, tokenFile: ml.token }
                - { name: web, role: team, team: web-team, tokenFile: web.token }
            """);
        var key = new WorkspaceKey(identity, "nb");
        await _world.EventuallyAsync(async () => await ReadyAsync(key), TimeSpan.FromSeconds(60), "the Jupyter workspace is ready");

        var before = await _world.InspectAsync(identity, "nb");
        var token = TokenOf(before!);
        Assert.Matches("^[0-9a-f]{32}$", token);
        var published = int.Parse(before!.HostConfig.PortBindings["8888/tcp"].Single().HostPort, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(HostPortRange.Default.Contains(published), $"8888 published on {published}");

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync($"/api/workspaces/{identity}/nb/jupyter/rotate", _webToken)).Status);
        var rotated = await PostAsync($"/api/workspaces/{identity}/nb/jupyter/rotate", _mlToken);
        Assert.Equal(HttpStatusCode.Accepted, rotated.Status);
        Assert.Contains("\"recreating\":true", rotated.Body, StringComparison.Ordinal);

        string? newToken = null;
        await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "nb") is { } now && now.ID != before.ID && now.State.Running && (newToken = TokenOf(now)) != token,
            TimeSpan.FromSeconds(60),
            "the container is created again with a new token");
        var after = await _world.InspectAsync(identity, "nb");
        Assert.Equal(before.Config.Labels[OwnershipLabels.SpecHash], after!.Config.Labels[OwnershipLabels.SpecHash]);
        Assert.Matches("^[0-9a-f]{32}$", newToken!);
        await _world.StopAsync();

        var log = _world.Log;
        Assert.Contains("rotated the Jupyter token", log, StringComparison.Ordinal);
        var database = _world.DatabaseBytes();
        var git = GitHistory(work.Path);
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

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<bool> ReadyAsync(WorkspaceKey key)
        => (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true;

    private static string TokenOf(Docker.DotNet.Models.ContainerInspectResponse container)
        => container.Config.Env.Single(e => e.StartsWith("JUPYTER_TOKEN=", StringComparison.Ordinal))["JUPYTER_TOKEN=".Length..];

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_world.Address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _world.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every version of every file ever committed (all refs), as text.</summary>
    private static string GitHistory(string repository)
    {
        var start = new ProcessStartInfo("git", ["-C", repository, "log", "--all", "-p", "--no-color"]) { RedirectStandardOutput = true };
        using var git = Process.Start(start)!;
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return text;
    }
}
