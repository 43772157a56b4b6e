using Reconciler.Core.Ports;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

public sealed class CloneAndReadTests(GitDaemon daemon) : IClassFixture<GitDaemon>
{
    private const string Workspace = "version: 1\nname: demo\n";

    [Fact]
    public async Task First_sync_clones_and_workspace_file_is_read_from_the_commit_tree()
    {
        using var work = daemon.CreateRepository("clone-read");
        var sha = work.Write(".daytona/workspace.yaml", Workspace).Write(".devcontainer/devcontainer.json", "{}").CommitAndPush();
        using var test = new TestSource(work.Url);

        var sync = await test.Source.SyncAsync(CancellationToken.None);

        Assert.True(sync.Cloned);
        Assert.Equal(new GitBranchSync("main", sha, Fetched: true), sync["main"]);
        Assert.True(File.Exists(Path.Combine(test.Source.CachePath, "HEAD")), "bare clone in the cache");
        Assert.False(Directory.Exists(Path.Combine(test.Source.CachePath, ".daytona")), "no checkout");

        using var content = test.Source.OpenCommit(sha);
        Assert.Equal($"127.0.0.1:{daemon.Port}/clone-read", content.Identity);
        Assert.Equal(sha, content.Commit);
        Assert.Null(content.LocalPath);
        var file = content.ReadFile(".daytona/workspace.yaml", 1024);
        Assert.Equal(RepositoryFileStatus.Ok, file.Status);
        Assert.Equal(Workspace, file.Text);
        Assert.Equal(Workspace.Length, file.Size);
        Assert.Equal(RepositoryFileStatus.NotFound, content.ReadFile(".daytona/missing.yaml", 1024).Status);
        Assert.Equal(RepositoryFileStatus.NotAFile, content.ReadFile(".daytona", 1024).Status);
        Assert.Equal(RepositoryFileStatus.NotAFile, content.ReadFile("", 1024).Status);
    }

    [Fact]
    public async Task Enumerate_lists_files_in_ordinal_order_with_executable_bit_and_links()
    {
        using var work = daemon.CreateRepository("enumerate");
        var sha = work.Write("b.txt", "b").Write("a/z.sh", "#!/bin/sh\n").Executable("a/z.sh").Write("a/B.txt", "bb")
            .Link("a/link", "../b.txt").Write("c/d.txt", "d").CommitAndPush();
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);
        using var content = test.Source.OpenCommit(sha);

        var all = content.Enumerate("").ToList();

        Assert.Equal(
            [
                new RepositoryEntry("a/B.txt", 2, false),
                new RepositoryEntry("a/link", 0, false, "../b.txt"),
                new RepositoryEntry("a/z.sh", 10, true),
                new RepositoryEntry("b.txt", 1, false),
                new RepositoryEntry("c/d.txt", 1, false),
            ],
            all.Select(e => e with { ContentId = null }));
        // Files carry their blob id (what build-context hashing uses instead of reading them): SHA-1 of "blob <size>\0<content>".
        var blob = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData("blob 1\0b"u8.ToArray()));
        Assert.Equal("git:" + blob, all.Single(e => e.Path == "b.txt").ContentId);
        Assert.Null(all.Single(e => e.Path == "a/link").ContentId);
        Assert.Equal(["c/d.txt"], content.Enumerate("c").Select(e => e.Path));
        Assert.Empty(content.Enumerate("missing"));
        Assert.Empty(content.Enumerate("../outside"));
    }

    [Fact]
    public async Task OpenRead_streams_the_blob_and_refuses_directories()
    {
        using var work = daemon.CreateRepository("open-read");
        var sha = work.Write("data/blob.bin", "payload").CommitAndPush();
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);
        using var content = test.Source.OpenCommit(sha);

        using (var stream = content.OpenRead("data/blob.bin"))
        using (var reader = new StreamReader(stream))
        {
            Assert.Equal("payload", await reader.ReadToEndAsync());
        }

        Assert.Throws<FileNotFoundException>(() => content.OpenRead("data"));
        Assert.Throws<UnauthorizedAccessException>(() => content.OpenRead("../x"));
    }

    [Fact]
    public async Task Opening_a_commit_that_is_not_in_the_cache_is_NotFound()
    {
        using var work = daemon.CreateRepository("unknown-commit");
        work.Write("x", "x").CommitAndPush();
        using var test = new TestSource(work.Url);
        await test.Source.SyncAsync(CancellationToken.None);

        var error = Assert.Throws<Errors.GitSourceException>(() => test.Source.OpenCommit(new string('1', 40)));

        Assert.Equal(Errors.GitFailureKind.NotFound, error.Kind);
    }
}
