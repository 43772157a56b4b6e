namespace Reconciler.Scheduling;

/// <summary>One stored boundary of a repository: a workspace's next transition instant, in UTC ticks.</summary>
internal readonly record struct BoundaryRow(string Workspace, long Ticks);

/// <summary>
/// The <c>lifecycle_boundaries</c> table on the database Quartz uses: <see cref="BoundaryRows"/> on SQLite (the
/// default), <see cref="PostgresBoundaryRows"/> on PostgreSQL. The same three operations on the same columns.
/// </summary>
internal interface IBoundaryRows : IDisposable
{
    /// <summary>Removes <paramref name="stale"/> and adds <paramref name="missing"/> rows of <paramref name="repository"/> in one transaction.</summary>
    Task WriteAsync(string repository, IReadOnlyCollection<BoundaryRow> stale, IReadOnlyCollection<BoundaryRow> missing, CancellationToken cancellationToken);

    /// <summary>Every stored row, by repository (read once at start-up).</summary>
    Task<Dictionary<string, HashSet<BoundaryRow>>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The distinct (repository, instant) pairs with an instant in [<paramref name="start"/>, <paramref name="end"/>) ticks.</summary>
    Task<IReadOnlyList<(string Repository, long Ticks)>> InWindowAsync(long start, long end, CancellationToken cancellationToken);
}
