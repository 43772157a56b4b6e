using Reconciler.Core.Ports;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

public sealed class PollingTests(GitDaemon daemon) : IClassFixture<GitDaemon>
{
    [Fact]
    public async Task A_pushed_commit_is_seen_by_ls_remote_and_fetched_once()
    {
        using var work = daemon.CreateRepository("polling");
        var first = work.Write(".daytona/workspace.yaml", "name: one\n").CommitAndPush("one");
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);

        var idle = await test.Source.SyncAsync(CancellationToken.None);
        Assert.False(idle.Fetched);
        Assert.Equal(new GitBranchSync("main", first, Fetched: false), idle["main"]);

        var second = work.Write(".daytona/workspace.yaml", "name: two\n").CommitAndPush("two");
        var heads = await test.Source.ListRemoteHeadsAsync(CancellationToken.None);
        Assert.Equal(new Dictionary<string, string> { ["main"] = second }, heads);

        var moved = await test.Source.SyncAsync(CancellationToken.None);
        Assert.False(moved.Cloned);
        Assert.Equal(new GitBranchSync("main", second, Fetched: true), moved["main"]);

        var again = await test.Source.SyncAsync(CancellationToken.None);
        Assert.False(again.Fetched);
        Assert.Equal(new GitBranchSync("main", second, Fetched: false), again["main"]);

        using var old = test.Source.OpenCommit(first);
        using var current = test.Source.OpenCommit(second);
        Assert.Equal("name: one\n", old.ReadFile(".daytona/workspace.yaml", 1024).Text);
        Assert.Equal("name: two\n", current.ReadFile(".daytona/workspace.yaml", 1024).Text);
    }

    [Fact]
    public async Task Only_the_branch_that_moved_is_fetched_and_a_missing_branch_has_no_commit()
    {
        using var work = daemon.CreateRepository("branches");
        var main = work.Write("f", "1").CommitAndPush("main");
        var dev = work.Write("f", "2").CommitAndPush("dev", branch: "dev");
        using var test = new TestSource(work.Url, branches: ["main", "dev", "absent"]);
        var cloned = await test.Source.SyncAsync(CancellationToken.None);
        Assert.Equal([main, dev, null], cloned.Branches.Select(b => b.Commit));

        var dev2 = work.Write("f", "3").CommitAndPush("dev2", branch: "dev");
        var sync = await test.Source.SyncAsync(CancellationToken.None);

        Assert.Equal(
            [new GitBranchSync("main", main, false), new GitBranchSync("dev", dev2, true), new GitBranchSync("absent", null, false)],
            sync.Branches);
        using var content = test.Source.OpenCommit(dev2);
        Assert.Equal(RepositoryFileStatus.Ok, content.ReadFile("f", 10).Status);
    }

    [Fact]
    public async Task ListRemoteHeads_transfers_nothing_into_the_cache()
    {
        using var work = daemon.CreateRepository("ls-only");
        var sha = work.Write("f", "1").CommitAndPush();
        using var test = new TestSource(work.Url);

        var heads = await test.Source.ListRemoteHeadsAsync(CancellationToken.None);

        Assert.Equal(sha, heads["main"]);
        Assert.False(Directory.Exists(test.Source.CachePath));
    }
}
