using System.Security.Cryptography;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class FutureSchemaTests
{
    [Fact]
    public async Task A_database_from_a_newer_release_is_refused_and_left_untouched()
    {
        using var db = new TestDatabase();
        using (var store = await db.OpenAsync())
        {
            await store.AppendEventAsync(Some.Event("written by v1"), CancellationToken.None);
        }

        db.Execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9, '0009_future', 'x', '2030-01-01T00:00:00.0000000Z');");
        db.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        var before = Hash(db.Path);

        var error = await Assert.ThrowsAsync<SchemaVersionException>(db.OpenAsync);

        Assert.Contains("schema version 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer than this Reconciler knows (latest 8)", error.Message, StringComparison.Ordinal);
        Assert.Contains("not changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(db.Path));
        Assert.Equal(9L, db.Scalar<long>("SELECT count(*) FROM schema_migrations;"));
    }

    [Fact]
    public async Task An_edited_migration_script_is_reported()
    {
        using var db = new TestDatabase();
        using (await db.OpenAsync())
        {
        }

        db.Execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1;");

        var error = await Assert.ThrowsAsync<SchemaVersionException>(db.OpenAsync);
        Assert.Contains("Migration 1 (0001_initial)", error.Message, StringComparison.Ordinal);
        Assert.Contains("must never be edited", error.Message, StringComparison.Ordinal);
    }

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
