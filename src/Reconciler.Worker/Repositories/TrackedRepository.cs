using Reconciler.Core.Configuration;
using Reconciler.Core.Queue;
using Reconciler.Source.Git;

namespace Reconciler.Worker.Repositories;

/// <summary>
/// One configured repository: its git source (bare-clone cache), its queue key and a lock so that at most one
/// pass works on it at a time, whatever enqueued it. Nothing here is shared between repositories.
/// </summary>
internal sealed class TrackedRepository(RepositoryConfig config, GitRepositorySource source) : IDisposable
{
    public RepositoryConfig Config { get; } = config;

    public GitRepositorySource Source { get; } = source;

    /// <summary>Normalised <c>host/owner/name</c>: the key, the label on every container, the row in the database.</summary>
    public string Identity => Source.Identity;

    public ReconcileKey Key { get; } = new(source.Identity);

    /// <summary>The one branch that is deployed.</summary>
    public string Branch => Config.Branches[0];

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void Dispose()
    {
        Source.Dispose();
        Gate.Dispose();
    }
}
