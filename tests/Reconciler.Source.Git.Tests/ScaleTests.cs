using System.Diagnostics;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;
using Xunit.Abstractions;

namespace Reconciler.Source.Git.Tests;

/// <summary>
/// An idle poll of many repositories is one ls-remote each and no fetch. The target is 1,000
/// repositories under 10 s; this test runs 200 by default to keep the suite short and holds them to the
/// whole 10 s (2 shared cores with other suites make a proportional bound flaky). Set
/// RECONCILER_GIT_SCALE=1000 to measure the real target against the 10 s budget.
/// </summary>
[Collection(nameof(ScaleTests))]
public sealed class ScaleTests(GitDaemon daemon, ITestOutputHelper output) : IClassFixture<GitDaemon>
{
    private static readonly int Repositories =
        int.TryParse(Environment.GetEnvironmentVariable("RECONCILER_GIT_SCALE"), out var n) && n > 0 ? n : 200;

    [Fact]
    public async Task An_idle_poll_of_many_repositories_fetches_nothing()
    {
        using var template = daemon.CreateRepository("scale-template");
        var sha = template.Write(".daytona/workspace.yaml", "name: x\n").CommitAndPush();
        var templatePath = Path.Combine(daemon.BasePath, "scale-template.git");
        for (var i = 0; i < Repositories; i++)
        {
            CopyFolder(templatePath, Path.Combine(daemon.BasePath, $"scale-{i}.git"));
        }

        var sources = Enumerable.Range(0, Repositories).Select(i => new TestSource(daemon.UrlOf($"scale-{i}"))).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            await PollAll(sources, r => Assert.True(r.Cloned));
            var cloneTime = clock.Elapsed;

            clock.Restart();
            await PollAll(sources, r =>
            {
                Assert.False(r.Fetched);
                Assert.Equal(sha, r["main"].Commit);
            });
            var idleTime = clock.Elapsed;

            output.WriteLine($"{Repositories} repositories: clone {cloneTime.TotalMilliseconds:F0} ms, idle poll {idleTime.TotalMilliseconds:F0} ms");
            Assert.True(idleTime < TimeSpan.FromSeconds(10), $"idle poll took {idleTime}");
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }
    }

    private static Task PollAll(List<TestSource> sources, Action<GitSyncResult> check)
        => Parallel.ForEachAsync(
            sources,
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (test, ct) => check(await test.Source.SyncAsync(ct)));

    private static void CopyFolder(string from, string to)
    {
        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(folder.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}

/// <summary>Runs the timing test alone, not beside the other classes' daemons.</summary>
[CollectionDefinition(nameof(ScaleTests), DisableParallelization = true)]
public sealed class ScaleTestsCollection;
