using Reconciler.Source.Git.Errors;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

public sealed class ConcurrencyTests(GitDaemon daemon) : IClassFixture<GitDaemon>
{
    [Fact]
    public async Task Two_repositories_sync_concurrently_and_a_broken_one_does_not_stop_them()
    {
        using var one = daemon.CreateRepository("concurrent-one");
        using var two = daemon.CreateRepository("concurrent-two");
        var sha1 = one.Write("f", "1").CommitAndPush();
        var sha2 = two.Write("f", "2").CommitAndPush();
        using var first = new TestSource(one.Url);
        using var second = new TestSource(two.Url);
        using var broken = new TestSource(daemon.UrlOf("concurrent-missing"));

        var brokenSync = broken.Source.SyncAsync(CancellationToken.None);
        var results = await Task.WhenAll(first.Source.SyncAsync(CancellationToken.None), second.Source.SyncAsync(CancellationToken.None));

        Assert.Equal(sha1, results[0]["main"].Commit);
        Assert.Equal(sha2, results[1]["main"].Commit);
        var error = await Assert.ThrowsAsync<GitSourceException>(() => brokenSync);
        Assert.Equal(GitFailureKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Concurrent_syncs_of_one_source_are_serialised_and_clone_once()
    {
        using var work = daemon.CreateRepository("same-source");
        var sha = work.Write("f", "1").CommitAndPush();
        using var test = new TestSource(work.Url);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => test.Source.SyncAsync(CancellationToken.None)));

        Assert.Equal(1, results.Count(r => r.Cloned));
        Assert.All(results, r => Assert.Equal(sha, r["main"].Commit));
    }
}
