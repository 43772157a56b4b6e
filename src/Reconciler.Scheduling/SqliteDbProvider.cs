using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Quartz.Impl.AdoJobStore.Common;

namespace Reconciler.Scheduling;

/// <summary>
/// Quartz's Microsoft.Data.Sqlite provider with the per-connection settings Reconciler's own store uses
/// (Storage.Sqlite <c>ConnectionFactory</c>): <c>synchronous = NORMAL</c>, crash-safe in WAL mode (a killed process
/// loses nothing committed; a power loss may roll back the last commits, never corrupts), instead of SQLite's default
/// FULL, which fsyncs the WAL at every commit — a fire is three commits — and halves trigger throughput; and a busy
/// timeout, so Quartz and the reconcile passes wait for each other's write lock instead of failing.
/// </summary>
internal sealed class SqliteDbProvider(string connectionString) : DbProvider("SQLite-Microsoft", connectionString)
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

    public override DbConnection CreateConnection()
    {
        var connection = base.CreateConnection();
        connection.StateChange += OnStateChange;
        return connection;
    }

    private static void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
