using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit.Git;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// The setup the access tests share: a <see cref="WorkerWorld"/> whose worker has a secrets key file and two team
/// tokens (<see cref="MlToken"/> for ml-research, <see cref="WebToken"/> for web-team), and the readers they assert
/// with: API calls, container environment, every file ever committed.
/// </summary>
internal sealed class AccessWorld : IAsyncDisposable
{
    public WorkerWorld World { get; } = new();

    public string MlToken { get; } = "ml-" + Guid.NewGuid().ToString("N");

    public string WebToken { get; } = "web-" + Guid.NewGuid().ToString("N");

    public string Folder => Path.GetDirectoryName(World.ConfigPath)!;

    /// <summary>Writes the key and token files and starts the worker on <paramref name="work"/> with <paramref name="extraConfig"/> appended.</summary>
    public async Task StartAsync(WorkRepository work, string extraConfig = "", bool hexKey = false)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        await File.WriteAllTextAsync(Path.Combine(Folder, "secrets.key"), hexKey ? Convert.ToHexString(key) : Convert.ToBase64String(key));
        await File.WriteAllTextAsync(Path.Combine(Folder, "ml.token"), MlToken);
        await File.WriteAllTextAsync(Path.Combine(Folder, "web.token"), WebToken);
        await World.StartAsync($$"""
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

            """ + extraConfig);
    }

    public Task WaitReadyAsync(WorkspaceKey key, string what = "the workspace is ready")
        => World.EventuallyAsync(
            async () => (await World.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true,
            TimeSpan.FromSeconds(60),
            what);

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(World.Address, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await World.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of one environment variable of a container, as the engine holds it.</summary>
    public static string EnvOf(Docker.DotNet.Models.ContainerInspectResponse container, string name)
        => container.Config.Env.Single(e => e.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    /// <summary>Every version of every file ever committed (all refs), as text.</summary>
    public static string GitHistory(string repository)
    {
        var start = new ProcessStartInfo("git", ["-C", repository, "log", "--all", "-p", "--no-color"]) { RedirectStandardOutput = true };
        using var git = Process.Start(start)!;
        var text = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return text;
    }

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
