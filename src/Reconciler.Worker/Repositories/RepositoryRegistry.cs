using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.Source.Git;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Repositories;

/// <summary>The repositories from the configuration, by identity. Fixed for the life of the process.</summary>
internal sealed class RepositoryRegistry : IDisposable
{
    private readonly Dictionary<string, TrackedRepository> _byIdentity = new(StringComparer.Ordinal);

    public RepositoryRegistry(WorkerSettings settings, ILoggerFactory loggers, TimeProvider time)
    {
        for (var i = 0; i < settings.Config.Repositories.Count; i++)
        {
            var config = settings.Config.Repositories[i];
            var source = new GitRepositorySource(
                new GitRepositoryOptions
                {
                    Url = config.Url,
                    Branches = config.Branches,
                    Credentials = settings.GitCredentials[i],
                    CacheRoot = settings.CacheDir,
                },
                loggers.CreateLogger<GitRepositorySource>(),
                time);
            _byIdentity.Add(source.Identity, new TrackedRepository(config, source));
        }
    }

    public IReadOnlyCollection<TrackedRepository> All => _byIdentity.Values;

    /// <summary>Every repository key, for the periodic resync.</summary>
    public IEnumerable<ReconcileKey> Keys => _byIdentity.Values.Select(r => r.Key);

    public TrackedRepository? Find(string identity) => _byIdentity.GetValueOrDefault(identity);

    public void Dispose()
    {
        foreach (var repository in _byIdentity.Values)
        {
            repository.Dispose();
        }
    }
}
