using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Reconciler.TestKit;

namespace Reconciler.Storage.Sqlite.Tests.Support;

/// <summary>A database file in its own temporary folder, a fake clock, and raw SQL for checks behind the store's back.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory directory = new("rc-storage");
    private readonly List<SqliteStateStore> opened = [];

    public TestDatabase()
    {
        Path = System.IO.Path.Combine(directory.Path, "reconciler.db");
    }

    public string Path { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public SqliteStorageOptions Options => new() { DatabasePath = Path };

    public async Task<SqliteStateStore> OpenAsync()
    {
        var store = await SqliteStateStore.OpenAsync(Options, Clock, CancellationToken.None);
        opened.Add(store);
        return store;
    }

    public T Scalar<T>(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    public int Execute(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public List<string> Column(string sql)
    {
        using var connection = OpenRaw();
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

        directory.Dispose();
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
