using Reconciler.TestKit;

namespace Reconciler.Source.Git.Tests.Support;

/// <summary>A source over <paramref name="url"/> with its own cache folder.</summary>
public sealed class TestSource : IDisposable
{
    private readonly TempDirectory _cache = new("reconciler-cache");

    public TestSource(string url, IReadOnlyList<string>? branches = null, GitCredentials? credentials = null, CollectingLogger<GitRepositorySource>? logger = null)
    {
        Logger = logger ?? new CollectingLogger<GitRepositorySource>();
        Source = new GitRepositorySource(
            new GitRepositoryOptions { Url = url, CacheRoot = _cache.Path, Branches = branches ?? ["main"], Credentials = credentials ?? GitCredentials.None },
            Logger);
    }

    public GitRepositorySource Source { get; }

    public CollectingLogger<GitRepositorySource> Logger { get; }

    public string CacheRoot => _cache.Path;

    public void Dispose()
    {
        Source.Dispose();
        _cache.Dispose();
    }
}
