using Reconciler.Core.Ports;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

public sealed class CorruptCacheTests(GitDaemon daemon) : IClassFixture<GitDaemon>
{
    [Fact]
    public async Task A_cache_whose_object_files_were_deleted_is_recloned()
    {
        using var work = daemon.CreateRepository("corrupt");
        var sha = work.Write(".daytona/workspace.yaml", "name: x\n").CommitAndPush();
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);
        var objects = Path.Combine(test.Source.CachePath, "objects");
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories).ToList())
        {
            File.SetAttributes(file, FileAttributes.Normal);
            File.Delete(file);
            deleted++;
        }

        Assert.True(deleted > 0);

        var sync = await test.Source.SyncAsync(CancellationToken.None);

        Assert.True(sync.Recloned);
        Assert.True(sync.Cloned);
        Assert.Equal(sha, sync["main"].Commit);
        using var content = test.Source.OpenCommit(sha);
        Assert.Equal(RepositoryFileStatus.Ok, content.ReadFile(".daytona/workspace.yaml", 100).Status);
        Assert.Contains(test.Logger.Lines, line => line.Contains(" 3103 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cache_folder_that_is_not_a_repository_and_leftover_temp_clones_are_replaced()
    {
        using var work = daemon.CreateRepository("half-written");
        var sha = work.Write("f", "1").CommitAndPush();
        using var test = new TestSource(work.Url);
        Directory.CreateDirectory(Path.Combine(test.Source.CachePath, "objects"));
        File.WriteAllText(Path.Combine(test.Source.CachePath, "HEAD"), "garbage");
        var leftover = Directory.CreateDirectory(test.Source.CachePath + ".tmp-deadbeef").FullName;

        var sync = await test.Source.SyncAsync(CancellationToken.None);

        Assert.True(sync.Recloned);
        Assert.Equal(sha, sync["main"].Commit);
        Assert.False(Directory.Exists(leftover));
    }
}
