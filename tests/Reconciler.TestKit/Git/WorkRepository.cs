
namespace Reconciler.TestKit.Git;

/// <summary>A working repository made with the git CLI that pushes to a daemon-served bare repository.</summary>
public sealed class WorkRepository : IDisposable
{
    private readonly TempDirectory _work = new("reconciler-work");

    public WorkRepository(string url)
    {
        Url = url;
        GitCli.Run(_work.Path, "init", "--quiet");
        GitCli.Run(_work.Path, "remote", "add", "origin", url);
    }

    public string Url { get; }

    public string Path => _work.Path;

    public WorkRepository Write(string relativePath, string content)
    {
        _work.Write(relativePath, content);
        return this;
    }

    public WorkRepository Executable(string relativePath)
    {
        if (OperatingSystem.IsWindows())
        {
            GitCli.Run(Path, "add", relativePath);
            GitCli.Run(Path, "update-index", "--chmod=+x", relativePath);
        }
        else
        {
            File.SetUnixFileMode(System.IO.Path.Combine(Path, relativePath), (UnixFileMode)0b111_101_101);
        }

        return this;
    }

    public WorkRepository Link(string relativePath, string target)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>Adds a submodule entry (mode 160000) without cloning anything.</summary>
    public WorkRepository Gitlink(string relativePath, string commit)
    {
        // An empty folder is how git sees a submodule that is not checked out; without it "add -A" drops the entry.
        Directory.CreateDirectory(System.IO.Path.Combine(Path, relativePath));
        GitCli.Run(Path, "update-index", "--add", "--cacheinfo", $"160000,{commit},{relativePath}");
        return this;
    }

    /// <summary>Commits everything and pushes <paramref name="branch"/> through the daemon; returns the new commit.</summary>
    public string CommitAndPush(string message = "change", string branch = "main")
    {
        GitCli.Run(Path, "add", "-A");
        GitCli.Run(Path, "commit", "--quiet", "--allow-empty", "-m", message);
        GitCli.Run(Path, "push", "--quiet", "origin", $"HEAD:refs/heads/{branch}");
        return GitCli.Run(Path, "rev-parse", "HEAD");
    }

    /// <summary>Commits everything and pushes it to <paramref name="reference"/> only (e.g. <c>refs/pull/7/head</c>, as GitHub publishes a pull request's head); returns the new commit.</summary>
    public string CommitAndPushRef(string message, string reference)
    {
        GitCli.Run(Path, "add", "-A");
        GitCli.Run(Path, "commit", "--quiet", "--allow-empty", "-m", message);
        GitCli.Run(Path, "push", "--quiet", "--force", "origin", $"HEAD:{reference}");
        return GitCli.Run(Path, "rev-parse", "HEAD");
    }

    public void Dispose() => _work.Dispose();
}
