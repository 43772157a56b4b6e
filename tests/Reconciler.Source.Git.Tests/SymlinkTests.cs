using Reconciler.Core.Ports;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;

namespace Reconciler.Source.Git.Tests;

public sealed class SymlinkTests(GitDaemon daemon) : IClassFixture<GitDaemon>, IAsyncLifetime
{
    private WorkRepository? _work;
    private TestSource? _test;
    private string _sha = "";

    public async Task InitializeAsync()
    {
        _work = daemon.CreateRepository("symlinks-" + Guid.NewGuid().ToString("N")[..8]);
        _sha = _work.Write("real/workspace.yaml", "name: real\n")
            .Link(".daytona/relative-out", "../../etc/passwd")
            .Link(".daytona/absolute-out", "/etc/passwd")
            .Link(".daytona/workspace.yaml", "../real/workspace.yaml")
            .Link(".daytona/dir", "../real")
            .Link("loop/a", "b")
            .Link("loop/b", "a")
            .Link("chain/deep", "../.daytona/relative-out")
            .CommitAndPush();
        _test = new TestSource(_work.Url);
        await _test.Source.SyncAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _test?.Dispose();
        _work?.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(".daytona/relative-out")]
    [InlineData(".daytona/absolute-out")]
    [InlineData("chain/deep")]
    [InlineData("loop/a")]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    public void Links_and_paths_leaving_the_repository_are_refused(string path)
    {
        using var content = _test!.Source.OpenCommit(_sha);

        var file = content.ReadFile(path, 1024);

        Assert.Equal(RepositoryFileStatus.OutsideRepository, file.Status);
        Assert.Null(file.Text);
    }

    [Theory]
    [InlineData(".daytona/workspace.yaml")]
    [InlineData(".daytona/dir/workspace.yaml")]
    [InlineData("real/../.daytona/dir/workspace.yaml")]
    public void Links_inside_the_repository_resolve(string path)
    {
        using var content = _test!.Source.OpenCommit(_sha);

        var file = content.ReadFile(path, 1024);

        Assert.Equal(RepositoryFileStatus.Ok, file.Status);
        Assert.Equal("name: real\n", file.Text);
    }

    [Fact]
    public void Enumerate_reports_links_without_following_them()
    {
        using var content = _test!.Source.OpenCommit(_sha);

        var links = content.Enumerate(".daytona").ToDictionary(e => e.Path, e => e.LinkTarget);

        Assert.Equal("/etc/passwd", links[".daytona/absolute-out"]);
        Assert.Equal("../../etc/passwd", links[".daytona/relative-out"]);
        Assert.Equal("../real", links[".daytona/dir"]);
    }
}
