using Reconciler.Core.Ports;
using Reconciler.TestKit;

namespace Reconciler.Source.FileSystem.Tests;

/// <summary>A local checkout never lets a path or a committed symlink read outside the repository.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ConfinedReadTests : IDisposable
{
    private readonly TempDirectory _outside = new("outside");
    private readonly TempDirectory _repo = new("repo");

    private LocalCheckoutContent Content => new(_repo.Path, "test/repo");

    [Fact]
    public void Reads_a_file_inside_the_repository()
    {
        _repo.Write(".daytona/workspace.yaml", "version: 1\n");

        var file = Content.ReadFile(".daytona/workspace.yaml", 1024);

        Assert.Equal(RepositoryFileStatus.Ok, file.Status);
        Assert.Equal("version: 1\n", file.Text);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    public void Paths_that_leave_the_repository_are_refused(string path)
        => Assert.Equal(RepositoryFileStatus.OutsideRepository, Content.ReadFile(path, 1024).Status);

    [Fact]
    public void A_symlink_to_an_absolute_path_outside_is_refused()
    {
        Link(".daytona/workspace.yaml", "/etc/passwd");

        Assert.Equal(RepositoryFileStatus.OutsideRepository, Content.ReadFile(".daytona/workspace.yaml", 1024).Status);
    }

    [Fact]
    public void A_relative_symlink_climbing_out_is_refused()
    {
        var secret = _outside.Write("secret.txt", "s3cret");
        Link(".daytona/workspace.yaml", Path.GetRelativePath(Path.Combine(_repo.Path, ".daytona"), secret));

        var file = Content.ReadFile(".daytona/workspace.yaml", 1024);

        Assert.Equal(RepositoryFileStatus.OutsideRepository, file.Status);
        Assert.Null(file.Text);
    }

    [Fact]
    public void A_symlinked_directory_that_leaves_is_refused()
    {
        _outside.Write("workspace.yaml", "version: 1\n");
        Link(".daytona", _outside.Path);

        Assert.Equal(RepositoryFileStatus.OutsideRepository, Content.ReadFile(".daytona/workspace.yaml", 1024).Status);
    }

    [Fact]
    public void Symlinks_inside_the_repository_resolve()
    {
        _repo.Write("real/workspace.yaml", "version: 1\n");
        Link(".daytona", "real");
        Link("abs.yaml", Path.Combine(_repo.Path, "real", "workspace.yaml"));

        Assert.Equal("version: 1\n", Content.ReadFile(".daytona/workspace.yaml", 1024).Text);
        Assert.Equal("version: 1\n", Content.ReadFile("abs.yaml", 1024).Text);
    }

    [Fact]
    public void A_symlink_loop_is_refused_not_followed_forever()
    {
        Link("a", "b");
        Link("b", "a");

        Assert.Equal(RepositoryFileStatus.OutsideRepository, Content.ReadFile("a", 1024).Status);
    }

    [Fact]
    public void Size_cap_is_checked_before_reading()
    {
        _repo.Write("big.yaml", new string('x', 2048));

        var file = Content.ReadFile("big.yaml", 1024);

        Assert.Equal(RepositoryFileStatus.TooLarge, file.Status);
        Assert.Equal(2048, file.Size);
        Assert.Null(file.Text);
    }

    [Fact]
    public void Missing_files_and_directories_are_reported()
    {
        Directory.CreateDirectory(Path.Combine(_repo.Path, "dir"));

        Assert.Equal(RepositoryFileStatus.NotFound, Content.ReadFile("nope.yaml", 1024).Status);
        Assert.Equal(RepositoryFileStatus.NotAFile, Content.ReadFile("dir", 1024).Status);
    }

    [Fact]
    public void Enumerate_lists_files_in_order_keeps_links_and_exec_bits_and_skips_git()
    {
        _repo.Write("b.txt", "b");
        var script = _repo.Write("a/run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _repo.Write(".git/HEAD", "ref: refs/heads/main\n");
        Link("link", "/etc/passwd");

        var entries = Content.Enumerate("").ToList();

        Assert.Equal(["a/run.sh", "b.txt", "link"], entries.Select(e => e.Path));
        Assert.True(entries[0].Executable);
        Assert.False(entries[1].Executable);
        Assert.Equal("/etc/passwd", entries[2].LinkTarget);
    }

    private void Link(string path, string target)
    {
        var full = Path.Combine(_repo.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public void Dispose()
    {
        _repo.Dispose();
        _outside.Dispose();
    }
}
