using System.Collections.Concurrent;

namespace Reconciler.Worker.Previews;

/// <summary>
/// When each live preview scope expires (the latest push plus the shortest ttl of its workspaces). Kept in memory:
/// after a restart a preview's clock starts again with the next delivery for its pull request, and closing the pull
/// request removes it either way.
/// </summary>
internal sealed class PreviewExpiries
{
    private readonly ConcurrentDictionary<string, (string Repository, int Number, DateTimeOffset ExpiresAt)> _byScope = new(StringComparer.Ordinal);

    public void Set(string repository, int number, DateTimeOffset expiresAt)
        => _byScope[PreviewNames.Scope(repository, number)] = (repository, number, expiresAt);

    public void Forget(string repository, int number) => _byScope.TryRemove(PreviewNames.Scope(repository, number), out _);

    public IReadOnlyList<(string Repository, int Number)> ExpiredAt(DateTimeOffset now)
        => [.. _byScope.Values.Where(e => e.ExpiresAt <= now).Select(e => (e.Repository, e.Number))];

    public DateTimeOffset? ExpiresAt(string repository, int number)
        => _byScope.TryGetValue(PreviewNames.Scope(repository, number), out var entry) ? entry.ExpiresAt : null;
}
