using Migration = Reconciler.Storage.Sqlite.Migrations.Migration;

namespace Reconciler.Storage.Postgres.Migrations;

/// <summary>The PostgreSQL scripts embedded in this assembly, in version order (same naming and checksum rules as SQLite's).</summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<Migration> Embedded { get; } = Migration.Load(typeof(PostgresMigrations).Assembly, "Reconciler.Storage.Postgres.Migrations.");
}
