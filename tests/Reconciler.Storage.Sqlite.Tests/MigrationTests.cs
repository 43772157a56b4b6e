using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task An_empty_file_gets_the_whole_schema_in_WAL_mode()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        Assert.Equal(8, store.SchemaVersion);
        Assert.Equal(db.Path, store.DatabasePath);
        var tables = db.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'QRTZ_%' ORDER BY name;");
        Assert.Equal(["connection_tokens", "events", "jumpserver_registrations", "lifecycle_boundaries", "power_overrides", "power_records", "power_statuses", "preview_expiries", "repositories", "schema_migrations", "workspace_conditions", "workspace_secrets", "workspaces"], tables);
        var quartz = db.Column("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ_%' ORDER BY name;");
        Assert.Equal(
            ["QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS", "QRTZ_CRON_TRIGGERS", "QRTZ_FIRED_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_LOCKS", "QRTZ_PAUSED_JOB_GRPS",
             "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_SCHEDULER_STATE", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_TRIGGERS"],
            quartz);
        var triggers = db.Column("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'QRTZ_%' ORDER BY name;");
        Assert.Equal(["events_no_delete", "events_no_update"], triggers);
        Assert.Equal("wal", db.Scalar<string>("PRAGMA journal_mode;"));
        Assert.Equal(["1|0001_initial", "2|0002_power_records", "3|0003_quartz_tables", "4|0004_workspace_secrets", "5|0005_degraded_condition", "6|0006_preview_expiries", "7|0007_jumpserver_registrations", "8|0008_lifecycle_boundaries"], db.Column("SELECT version || '|' || name FROM schema_migrations ORDER BY version;"));
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
        var events = await third.ListEventsAsync(new(), CancellationToken.None);
        Assert.Equal("before restart", Assert.Single(events).Message);
    }

    [Fact]
    public async Task Stores_opened_at_once_on_a_new_file_migrate_it_exactly_once()
    {
        using var db = new TestDatabase();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(db.OpenAsync)));

        Assert.All(stores, s => Assert.Equal(8, s.SchemaVersion));
        Assert.Equal(8L, db.Scalar<long>("SELECT count(*) FROM schema_migrations;"));
    }

    [Fact]
    public async Task Ping_succeeds_on_a_migrated_database_and_fails_on_a_broken_one()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        await store.PingAsync(CancellationToken.None);
        db.Execute("DROP TABLE schema_migrations;");
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.PingAsync(CancellationToken.None));
    }

    [Fact]
    public void The_default_file_lives_beside_the_configuration()
    {
        var options = SqliteStorageOptions.BesideConfig("/etc/reconciler/reconciler.yaml");

        Assert.Equal("/etc/reconciler/reconciler.db", options.DatabasePath);
        Assert.Equal("reconciler.db", new SqliteStorageOptions().DatabasePath);
    }

    [Theory]
    [InlineData(":memory:")]
    [InlineData("file:state?mode=memory")]
    [InlineData(" ")]
    public async Task A_path_that_is_not_a_file_is_refused(string path)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = path }, TimeProvider.System, CancellationToken.None));
        Assert.Contains("DatabasePath", error.Message, StringComparison.Ordinal);
    }
}
