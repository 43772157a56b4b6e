using System.Collections.Concurrent;
using Reconciler.Storage.Sqlite.Previews;

namespace Reconciler.Worker.Previews;

/// <summary>
/// When each live preview scope expires (the latest push plus the shortest ttl of its workspaces). Written through to
/// the state database (<see cref="Storage.Sqlite.IPreviewExpiryStore"/>) and read back at start-up (<see cref="LoadAsync"/>), so a
/// restarted worker still removes a preview whose ttl passed while it was down.
/// </summary>
internal sealed class PreviewExpiries(Storage.Sqlite.IPreviewExpiryStore store)
{
    private readonly ConcurrentDictionary<string, (string Repository, int Number, DateTimeOffset ExpiresAt)> _byScope = new(StringComparer.Ordinal);

    /// <summary>Reads the expiry times kept by an earlier run (before the first sweep).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var expiry in await store.ListAsync(cancellationToken))
        {
            _byScope.TryAdd(PreviewNames.Scope(expiry.Repository, expiry.Number), (expiry.Repository, expiry.Number, expiry.ExpiresAt));
        }
    }

    public async Task SetAsync(string repository, int number, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await store.SetAsync(new PreviewExpiry(repository, number, expiresAt), cancellationToken);
        _byScope[PreviewNames.Scope(repository, number)] = (repository, number, expiresAt);
    }

    public async Task ForgetAsync(string repository, int number, CancellationToken cancellationToken)
    {
        await store.ForgetAsync(repository, number, cancellationToken);
        _byScope.TryRemove(PreviewNames.Scope(repository, number), out _);
    }

    public IReadOnlyList<(string Repository, int Number)> ExpiredAt(DateTimeOffset now)
        => [.. _byScope.Values.Where(e => e.ExpiresAt <= now).Select(e => (e.Repository, e.Number))];

    public DateTimeOffset? ExpiresAt(string repository, int number)
        => _byScope.TryGetValue(PreviewNames.Scope(repository, number), out var entry) ? entry.ExpiresAt : null;
}
