using System.Diagnostics;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// A throwaway git repository on disk with a unique origin URL, so its identity (and the labels of everything
/// created for it) is unique per test. Disposing removes the folder; engine cleanup is the test's job.
/// </summary>
internal sealed class TestRepository : IDisposable
{
    private readonly TempDirectory _directory = new("repo");

    public TestRepository()
    {
        Identity = $"example.test/cli/{Guid.NewGuid():N}"[..32];
        Git("init -q -b main");
        Git($"remote add origin https://{Identity}.git");
    }

    public string Path => _directory.Path;

    public string Identity { get; }

    public TestRepository Write(string relativePath, string content)
    {
        _directory.Write(relativePath, content);
        return this;
    }

    public string Commit(string message = "change")
    {
        Git("add -A");
        Git($"-c user.name=t -c user.email=t@example.test commit -q --allow-empty -m \"{message}\"");
        return Git("rev-parse HEAD").Trim();
    }

    public string Git(string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {arguments}: {error}");
    }

    public void Dispose() => _directory.Dispose();
}
