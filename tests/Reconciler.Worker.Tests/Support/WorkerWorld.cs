using System.Diagnostics;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.TestKit.Git;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Hosting;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// One isolated world per test: a real <c>git daemon</c> on 127.0.0.1, repositories with unique names (so unique
/// identities and container labels), a configuration folder, and the real worker host on a free loopback port,
/// logging into a buffer. Every container and volume labelled with one of the world's repositories is removed on dispose.
/// </summary>
internal sealed class WorkerWorld : IAsyncDisposable
{
    private const string Endpoint = "unix:///var/run/docker.sock";
    private readonly TempDirectory _folder = new("reconciler-worker");
    private readonly List<WorkRepository> _repositories = [];
    private readonly List<string> _identities = [];
    private readonly StringWriter _log = new();
    private WorkerHost? _host;

    public GitDaemon Daemon { get; } = new();

    public DockerClient Docker { get; } = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string ConfigPath => Path.Combine(_folder.Path, "reconciler.yaml");

    public string DatabasePath => Path.Combine(_folder.Path, "reconciler.db");

    public Uri Address => _host!.Address;

    /// <summary>Everything the worker logged so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public IStateStore Store => _host!.Services.GetRequiredService<IStateStore>();

    public IServiceProvider Services => _host!.Services;

    /// <summary>A bare repository served by the daemon under a unique name, and a working clone to push from.</summary>
    public (WorkRepository Work, string Identity) CreateRepository(string prefix = "repo")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        var work = Daemon.CreateRepository(name);
        _repositories.Add(work);
        var identity = $"127.0.0.1:{Daemon.Port}/{name}";
        _identities.Add(identity);
        return (work, identity);
    }

    /// <summary>Registers an identity whose objects must be cleaned up (a repository not served by the daemon).</summary>
    public void Track(string identity) => _identities.Add(identity);

    public async Task StartAsync(string configYaml)
    {
        await LocalImages.EnsureBusyboxAsync();
        await File.WriteAllTextAsync(ConfigPath, configYaml);
        var (settings, diagnostics) = WorkerConfigLoader.Load(ConfigPath);
        Assert.True(settings is not null, string.Join('\n', diagnostics));
        _host = await WorkerHost.BuildAsync(settings!, new WorkerHostOptions { LogOutput = new LockedWriter(_log), Verbose = true }, CancellationToken.None);
        await _host.StartAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync(CancellationToken.None);
            await host.DisposeAsync();
        }
    }

    public string ContainerName(string identity, string workspace) => WorkspaceNames.Base(new WorkspaceKey(identity, workspace));

    public async Task<ContainerInspectResponse?> InspectAsync(string identity, string workspace)
    {
        try
        {
            return await Docker.Containers.InspectContainerAsync(ContainerName(identity, workspace));
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The newest container of a workspace found by its ownership labels, whatever its name (a container whose start
    /// failed keeps its creating name); null when there is none or it was replaced between the list and the inspect.
    /// </summary>
    public async Task<ContainerInspectResponse?> InspectByLabelsAsync(string identity, string workspace)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool>
            {
                [$"{OwnershipLabels.Repository}={identity}"] = true,
                [$"{OwnershipLabels.Workspace}={workspace}"] = true,
            },
        };
        var found = await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter });
        try
        {
            return found.Count == 0 ? null : await Docker.Containers.InspectContainerAsync(found.OrderByDescending(c => c.Created).First().ID);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with the worker's log when it does not.</summary>
    public async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return watch.Elapsed;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Not within {timeout}: {what}\n--- worker log ---\n{Tail(Log)}");
        return watch.Elapsed;
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string secret, string eventName = "push")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "/webhooks/github")) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", GitHub.Webhooks.Signing.WebhookSignature.Sign(bytes, Encoding.UTF8.GetBytes(secret)));
        return await Http.SendAsync(request);
    }

    /// <summary>The database file and its WAL, as bytes, for "no secret was written" checks.</summary>
    public byte[] DatabaseBytes()
    {
        var bytes = new List<byte>();
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var identity in _identities)
        {
            var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={identity}"] = true } };
            foreach (var container in await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }))
            {
                await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }

            // Compose workspaces' networks.
            foreach (var network in await Docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }))
            {
                await Docker.Networks.DeleteNetworkAsync(network.ID);
            }

            foreach (var volume in (await Docker.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? [])
            {
                await Docker.Volumes.RemoveAsync(volume.Name, force: true);
            }
        }

        foreach (var repository in _repositories)
        {
            repository.Dispose();
        }

        Daemon.Dispose();
        Docker.Dispose();
        Http.Dispose();
        _folder.Dispose();
    }

    private static string Tail(string text) => text.Length <= 20_000 ? text : text[^20_000..];

    /// <summary>The host writes from many threads; reads of <see cref="Log"/> lock the same buffer.</summary>
    private sealed class LockedWriter(StringWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (inner)
            {
                inner.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (inner)
            {
                inner.Write(buffer, index, count);
            }
        }
    }
}
