using System.Diagnostics;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite;
using Reconciler.TestKit;
using Reconciler.TestKit.Git;
using Reconciler.Worker.Tests.Support;
using Xunit.Abstractions;

namespace Reconciler.Worker.Tests;

/// <summary>
/// The real worker (a child process) is killed with SIGKILL at seeded random points of an apply, again and again,
/// and restarted each time; after every restart the engine must converge to the head commit with no duplicate, no
/// orphan, no half-created container, and the developer's files in the workspace volumes untouched.
/// Each run pushes a commit that flips containerEnv, so every run recreates all three workspaces.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Runs = 20;
    private const int Seed = 20261123;
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);
    private static readonly string[] Workspaces = ["api", "db", "web"];
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task A_worker_killed_at_random_points_of_an_apply_converges_after_each_restart()
    {
        await LocalImages.EnsureBusyboxAsync();
        var (work, identity) = _world.CreateRepository("crash");
        var head = Commit(work, 0);
        await File.WriteAllTextAsync(_world.ConfigPath, Config(work.Url));
        var worker = WorkerProcess.Start(_world.ConfigPath);
        var random = new Random(Seed);
        var interrupted = 0;
        var watch = Stopwatch.StartNew();
        try
        {
            // The first apply creates and seeds the volumes: one kill lands there too.
            await worker.WaitForLineAsync("Applying", 0, Converge);
            await Task.Delay(random.Next(0, 1500));
            worker.Dispose();
            output.WriteLine($"first create: killed; left {await DescribeAsync(identity)}");
            worker = WorkerProcess.Start(_world.ConfigPath);
            await ConvergedAsync(identity, 0, worker);
            foreach (var workspace in Workspaces)
            {
                Assert.Equal("run 0\n", DockerExec.Run(_world.ContainerName(identity, workspace), "cat README.md"));
            }

            // The developer's work: a new file and an edited tracked file in every workspace volume.
            foreach (var workspace in Workspaces)
            {
                DockerExec.Run(_world.ContainerName(identity, workspace), "echo keep > .crash-marker && echo edited > README.md");
            }

            var volumes = await VolumesAsync(identity);
            Assert.Equal(Workspaces.Length * 2, volumes.Count); // the workspace volume and its seed marker each

            for (var run = 1; run <= Runs; run++)
            {
                var from = worker.LineCount;
                head = Commit(work, run);
                await worker.WaitForLineAsync("Applying", from, Converge);
                var delay = random.Next(0, 3000);
                await Task.Delay(delay);
                worker.Kill();
                worker.Dispose();
                var left = await DescribeAsync(identity);
                output.WriteLine($"run {run}: killed {delay} ms after the first 'Applying'; left {left}");
                interrupted += left.Contains(".creating", StringComparison.Ordinal) || left.Contains("created", StringComparison.Ordinal) ? 1 : 0;

                worker = WorkerProcess.Start(_world.ConfigPath);
                await ConvergedAsync(identity, run % 2, worker);
            }

            // Stable: the next polls change nothing.
            var ids = (await ContainersAsync(identity)).Select(c => c.ID).Order(StringComparer.Ordinal).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(ids, (await ContainersAsync(identity)).Select(c => c.ID).Order(StringComparer.Ordinal));

            Assert.Equal(volumes, await VolumesAsync(identity));
            foreach (var workspace in Workspaces)
            {
                Assert.Equal("keep\nedited\n", DockerExec.Run(_world.ContainerName(identity, workspace), "cat .crash-marker README.md"));
            }
        }
        finally
        {
            worker.Dispose();
        }

        output.WriteLine($"{Runs} runs in {watch.Elapsed}; {interrupted} left a half-created container behind");
        Assert.True(interrupted >= Runs / 4, $"only {interrupted} of {Runs} kills landed inside a create; the test does not exercise the create path");

        // The database survived the last SIGKILL too: it opens, answers, and recorded the head as applied.
        using var store = await SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = _world.DatabasePath }, TimeProvider.System, CancellationToken.None);
        await store.PingAsync(CancellationToken.None);
        Assert.Equal(head, (await store.GetRepositoryAsync(identity, CancellationToken.None))?.LastAppliedCommit);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static string Commit(WorkRepository work, int run)
    {
        var yaml = "version: 1\nworkspaces:\n" + string.Concat(Workspaces.Select(w => $"  - name: {w}\n"));
        work.Write(".daytona/workspace.yaml", yaml)
            .Write(".devcontainer/devcontainer.json", $$"""
                {
                  "image": "{{LocalImages.Busybox}}",
                  "containerEnv": { "VERSION": "v{{run % 2}}" },
                  "postCreateCommand": "sleep 0.3 && touch /tmp/post-create.done"
                }
                """)
            .Write("README.md", $"run {run}\n");
        return work.CommitAndPush($"run {run}");
    }

    private static string Config(string url) => $$"""
        version: 1
        repositories:
          - url: {{url}}
            pollInterval: 1s
        server: { listen: "http://127.0.0.1:0" }
        worker: { resyncInterval: 1h, shutdownTimeout: 5s }
        """;

    /// <summary>Exactly one finished, running container per workspace at version <paramref name="version"/>, its postCreate done, nothing else.</summary>
    private async Task ConvergedAsync(string identity, int version, WorkerProcess worker)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Converge)
        {
            Assert.False(worker.HasExited, "the worker exited\n" + worker.Tail());
            var containers = await ContainersAsync(identity);
            var expected = Workspaces.Select(w => "/" + _world.ContainerName(identity, w)).Order(StringComparer.Ordinal);
            if (containers.Count == Workspaces.Length
                && containers.All(c => c.Names.Count == 1)
                && containers.Select(c => c.Names[0]).Order(StringComparer.Ordinal).SequenceEqual(expected)
                && containers.All(c => c.State == "running"))
            {
                // The worker may still be replacing one of the listed containers: a container gone between list and
                // inspect means "not converged yet", not a failure.
                var inspected = await InspectAllAsync(containers);
                if (inspected is not null && inspected.All(i => i.Config.Env.Contains($"VERSION=v{version}")))
                {
                    foreach (var container in inspected)
                    {
                        Assert.Equal("done\n", DockerExec.Run(container.ID, "[ -e /tmp/post-create.done ] && echo done || echo missing"));
                    }

                    return;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"not converged to v{version} within {Converge}: {await DescribeAsync(identity)}\n{worker.Tail()}");
    }

    private async Task<ContainerInspectResponse[]?> InspectAllAsync(IEnumerable<ContainerListResponse> containers)
    {
        try
        {
            return await Task.WhenAll(containers.Select(c => _world.Docker.Containers.InspectContainerAsync(c.ID)));
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private async Task<IList<ContainerListResponse>> ContainersAsync(string identity)
        => await _world.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Filter(identity) });

    /// <summary>Name → creation time of every volume labelled with the repository: the same volumes, never re-created.</summary>
    private async Task<Dictionary<string, string>> VolumesAsync(string identity)
        => ((await _world.Docker.Volumes.ListAsync(new VolumesListParameters { Filters = Filter(identity) })).Volumes ?? [])
            .ToDictionary(v => v.Name, v => v.CreatedAt);

    private async Task<string> DescribeAsync(string identity)
        => string.Join(", ", (await ContainersAsync(identity)).Select(c => $"{string.Join('|', c.Names).TrimStart('/')}={c.State}").Order(StringComparer.Ordinal));

    private static Dictionary<string, IDictionary<string, bool>> Filter(string identity)
        => new() { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={identity}"] = true } };
}
