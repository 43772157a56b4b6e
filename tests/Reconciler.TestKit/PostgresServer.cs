using System.Security.Cryptography;
using Npgsql;

namespace Reconciler.TestKit;

/// <summary>
/// The real PostgreSQL server started by <c>scripts/ensure-postgres.sh</c> (which <c>.ci/run</c> calls): its connection
/// string is read from <c>/run/reconciler-test-postgres.conn</c> (or the file named by RECONCILER_TEST_POSTGRES_FILE).
/// A missing file or a server that does not answer fails the test with what to run; nothing is skipped.
/// </summary>
public static class PostgresServer
{
    public const string DefaultConnectionFile = "/run/reconciler-test-postgres.conn";

    /// <summary>The connection string of the test role on its maintenance database (<c>postgres</c>).</summary>
    public static string AdminConnectionString()
    {
        var file = Environment.GetEnvironmentVariable("RECONCILER_TEST_POSTGRES_FILE") is { Length: > 0 } named ? named : DefaultConnectionFile;
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"No PostgreSQL test server: {file} is missing. Run `bash scripts/ensure-postgres.sh` (as .ci/run does).");
        }

        return File.ReadAllText(file).Trim();
    }

    /// <summary>Creates an empty database with a random name; disposing it drops it (closing its connections first).</summary>
    public static async Task<PostgresDatabase> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString();
        var name = $"rc_test_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL test server does not answer ({e.Message}). Run `bash scripts/ensure-postgres.sh` (as .ci/run does).", e);
        }

        return new PostgresDatabase(admin, name);
    }
}

/// <summary>One throw-away database on the test server.</summary>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly string admin;

    internal PostgresDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The test role's connection string to this database (password included).</summary>
    public string ConnectionString { get; }

    /// <summary>The password part alone, to check it never shows in messages.</summary>
    public string Password => new NpgsqlConnectionStringBuilder(admin).Password ?? "";

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
