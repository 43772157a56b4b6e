using Microsoft.Data.Sqlite;
using Reconciler.Storage.Sqlite;
using Reconciler.Storage.Sqlite.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Storage.Postgres.Tests;

/// <summary>The PostgreSQL schema: the same migrations, tables and columns as the SQLite store's, applied exactly once.</summary>
public sealed class PostgresMigrationTests
{
    private static readonly string[] Versions =
    [
        "1|0001_initial", "2|0002_power_records", "3|0003_quartz_tables", "4|0004_workspace_secrets", "5|0005_degraded_condition",
        "6|0006_preview_expiries", "7|0007_jumpserver_registrations", "8|0008_lifecycle_boundaries",
    ];

    [Fact]
    public async Task An_empty_database_gets_every_table_and_column_of_the_SQLite_schema()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        Assert.Equal(8, store.SchemaVersion);
        Assert.Equal(Versions, db.Column("SELECT version || '|' || name FROM schema_migrations ORDER BY version;"));
        Assert.Equal(await SqliteColumnsAsync(), PostgresColumns(db));
        Assert.Equal(
            ["events_no_delete", "events_no_truncate", "events_no_update"],
            db.Column("SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'events' UNION SELECT tgname FROM pg_trigger WHERE tgname = 'events_no_truncate' ORDER BY 1;"));
    }

    [Fact]
    public async Task Restarting_applies_nothing_twice_and_keeps_the_data()
    {
        using var db = new TestDatabase();
        using (var first = await db.OpenAsync())
        {
            await first.AppendEventAsync(Some.Event("before restart"), CancellationToken.None);
        }

        var appliedAt = db.Scalar<string>("SELECT applied_at FROM schema_migrations WHERE version = 1;");
        db.Clock.Advance(TimeSpan.FromHours(1));
        using var second = await db.OpenAsync();
        using var third = await db.OpenAsync();

        Assert.Equal(8L, db.Scalar<long>("SELECT count(*) FROM schema_migrations;"));
        Assert.Equal(appliedAt, db.Scalar<string>("SELECT applied_at FROM schema_migrations WHERE version = 1;"));
        Assert.Equal("before restart", Assert.Single(await third.ListEventsAsync(new(), CancellationToken.None)).Message);
    }

    [Fact]
    public async Task Workers_starting_at_once_on_a_new_database_migrate_it_exactly_once()
    {
        using var db = new TestDatabase();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(db.OpenAsync)));

        Assert.All(stores, s => Assert.Equal(8, s.SchemaVersion));
        Assert.Equal(8L, db.Scalar<long>("SELECT count(*) FROM schema_migrations;"));
        foreach (var store in stores)
        {
            await store.PingAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_release_is_refused_and_left_unchanged()
    {
        using var db = new TestDatabase();
        using (var store = await db.OpenAsync())
        {
            await store.AppendEventAsync(Some.Event("kept"), CancellationToken.None);
        }

        db.Execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9, '0009_future', 'x', '2030-01-01T00:00:00.0000000Z');");
        var before = Snapshot(db);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(db.OpenAsync);

        Assert.Contains("schema version 9, newer than this Reconciler knows (latest 8)", error.Message, StringComparison.Ordinal);
        Assert.Contains("The database was not changed.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(db.Database.Password, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public async Task An_edited_migration_is_refused_and_left_unchanged()
    {
        using var db = new TestDatabase();
        using (await db.OpenAsync())
        {
        }

        db.Execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1;");
        var before = Snapshot(db);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(db.OpenAsync);

        Assert.Contains("Migration 1 (0001_initial)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_the_password_redacted()
    {
        var options = new PostgresStorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Database=nothing;Username=u;Password=hunter2-secret;Timeout=2" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => PostgresStateStore.OpenAsync(options, TimeProvider.System, CancellationToken.None));

        Assert.DoesNotContain("hunter2-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password=***", options.Redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_without_a_database_is_refused_with_the_password_redacted()
    {
        var options = new PostgresStorageOptions { ConnectionString = "Host=127.0.0.1;Username=u;Password=hunter2-secret" };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => PostgresStateStore.OpenAsync(options, TimeProvider.System, CancellationToken.None));

        Assert.Contains("names no Database", error.Message, StringComparison.Ordinal);
        Assert.Contains("Password=***", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every table's columns in order, from a real SQLite store (QRTZ_ names lower-cased as PostgreSQL folds them).</summary>
    private static async Task<Dictionary<string, string>> SqliteColumnsAsync()
    {
        using var directory = new TempDirectory("rc-pg-parity");
        var path = Path.Combine(directory.Path, "reconciler.db");
        using (await SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = path }, TimeProvider.System, CancellationToken.None))
        {
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT lower(m.name), group_concat(lower(c.name), ',')
            FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            GROUP BY m.name ORDER BY c.cid;
            """;
        return Read(command);
    }

    private static Dictionary<string, string> PostgresColumns(TestDatabase db)
    {
        using var connection = db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT table_name, string_agg(column_name, ',' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name;
            """;
        return Read(command);
    }

    private static Dictionary<string, string> Read(System.Data.Common.DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var columns = new Dictionary<string, string>();
        while (reader.Read())
        {
            columns[reader.GetString(0)] = reader.GetString(1);
        }

        return new Dictionary<string, string>(columns.OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    /// <summary>The schema (tables, columns, types, constraints) and every row count and migration row, as text.</summary>
    private static string Snapshot(TestDatabase db)
        => string.Join(
            "\n",
            db.Column("SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1;")
                .Concat(db.Column("SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1;"))
                .Concat(db.Column("SELECT version || '|' || name || '|' || checksum || '|' || applied_at FROM schema_migrations ORDER BY version;"))
                .Concat(db.Column("SELECT count(*) FROM events;")));
}
