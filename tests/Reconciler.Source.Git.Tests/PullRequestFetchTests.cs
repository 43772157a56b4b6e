using Reconciler.Core.Ports;
using Reconciler.Source.Git.Errors;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

/// <summary>
/// A pull request's head is fetched from <c>refs/pull/N/head</c>, only when the cache lacks the commit; a head the
/// remote does not hold is NotFound. The tracked branch is not moved by it.
/// </summary>
public sealed class PullRequestFetchTests(GitDaemon daemon) : IClassFixture<GitDaemon>
{
    [Fact]
    public async Task The_head_is_fetched_once_and_read_without_moving_the_branch()
    {
        using var work = daemon.CreateRepository("pr-fetch");
        var main = work.Write("a.txt", "main").CommitAndPush();
        var head = work.Write("a.txt", "pull request").CommitAndPushRef("pr", "refs/pull/4/head");
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);

        Assert.True(await test.Source.FetchPullRequestAsync(4, head, CancellationToken.None));
        Assert.False(await test.Source.FetchPullRequestAsync(4, head, CancellationToken.None));

        using (var content = test.Source.OpenCommit(head))
        {
            Assert.Equal("pull request", content.ReadFile("a.txt", 100).Text);
        }

        var sync = await test.Source.SyncAsync(CancellationToken.None);
        Assert.Equal(main, sync["main"].Commit);
    }

    [Fact]
    public async Task Without_a_clone_the_fetch_clones_first()
    {
        using var work = daemon.CreateRepository("pr-fresh");
        work.Write("a.txt", "main").CommitAndPush();
        var head = work.Write("a.txt", "pr").CommitAndPushRef("pr", "refs/pull/2/head");
        using var test = new TestSource(work.Url);

        Assert.True(await test.Source.FetchPullRequestAsync(2, head, CancellationToken.None));

        using var content = test.Source.OpenCommit(head);
        Assert.Equal(RepositoryFileStatus.Ok, content.ReadFile("a.txt", 100).Status);
    }

    [Fact]
    public async Task A_head_the_remote_does_not_hold_is_not_found()
    {
        using var work = daemon.CreateRepository("pr-moved");
        work.Write("a.txt", "main").CommitAndPush();
        work.Write("a.txt", "pr").CommitAndPushRef("pr", "refs/pull/3/head");
        using var test = new TestSource(work.Url);

        var error = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.FetchPullRequestAsync(3, new string('e', 40), CancellationToken.None));

        Assert.Equal(GitFailureKind.NotFound, error.Kind);
        Assert.Contains("refs/pull/3/head", error.Message, StringComparison.Ordinal);
    }
}
