using Microsoft.Extensions.Time.Testing;
using Reconciler.Storage.Postgres;
using Reconciler.TestKit;

// The namespace of the SQLite tests' fixture: their contract tests are compiled here unchanged (see the .csproj).
namespace Reconciler.Storage.Sqlite.Tests.Support;

/// <summary>A fresh database on the real PostgreSQL test server, a fake clock, and raw SQL for checks behind the store's back.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly PostgresDatabase database = PostgresServer.CreateDatabaseAsync().GetAwaiter().GetResult();
    private readonly List<PostgresStateStore> opened = [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public PostgresDatabase Database => database;

    public PostgresStorageOptions Options => new() { ConnectionString = database.ConnectionString };

    public async Task<PostgresStateStore> OpenAsync()
    {
        var store = await PostgresStateStore.OpenAsync(Options, Clock, CancellationToken.None);
        lock (opened)
        {
            opened.Add(store);
        }

        return store;
    }

    public T Scalar<T>(string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    public int Execute(string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public List<string> Column(string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public void Dispose()
    {
        foreach (var store in opened)
        {
            store.Dispose();
        }

        database.Dispose();
    }
}
