using Reconciler.Core.Ports;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

public sealed class SizeAndKindTests(GitDaemon daemon) : IClassFixture<GitDaemon>
{
    [Fact]
    public async Task A_blob_over_the_cap_is_TooLarge_and_reports_its_size()
    {
        const int twoMegabytes = 2 * 1024 * 1024;
        using var work = daemon.CreateRepository("large");
        var sha = work.Write(".daytona/workspace.yaml", new string('x', twoMegabytes)).CommitAndPush();
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);
        using var content = test.Source.OpenCommit(sha);

        var refused = content.ReadFile(".daytona/workspace.yaml", 1024 * 1024);
        var allowed = content.ReadFile(".daytona/workspace.yaml", twoMegabytes);

        Assert.Equal(new RepositoryFile(".daytona/workspace.yaml", RepositoryFileStatus.TooLarge, null, twoMegabytes), refused);
        Assert.Equal(RepositoryFileStatus.Ok, allowed.Status);
        Assert.Equal(twoMegabytes, allowed.Text!.Length);
    }

    [Fact]
    public async Task A_submodule_gitlink_is_NotAFile_and_is_not_enumerated()
    {
        using var work = daemon.CreateRepository("submodule");
        var first = work.Write("f", "1").CommitAndPush();
        var sha = work.Gitlink("vendor/lib", first).CommitAndPush("add gitlink");
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);
        using var content = test.Source.OpenCommit(sha);

        Assert.Equal(RepositoryFileStatus.NotAFile, content.ReadFile("vendor/lib", 1024).Status);
        Assert.Equal(RepositoryFileStatus.NotFound, content.ReadFile("vendor/lib/inner", 1024).Status);
        Assert.Equal(["f"], content.Enumerate("").Select(e => e.Path));
    }
}
