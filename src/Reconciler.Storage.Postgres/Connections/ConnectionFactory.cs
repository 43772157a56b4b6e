using Npgsql;

namespace Reconciler.Storage.Postgres.Connections;

/// <summary>Pooled connections to the configured database (one Npgsql data source per store).</summary>
internal sealed class ConnectionFactory : IDisposable
{
    private readonly NpgsqlDataSource dataSource;

    public ConnectionFactory(PostgresStorageOptions options)
    {
        var builder = options.Validate();
        ConnectionString = builder.ConnectionString;
        Redacted = options.Redacted;
        dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The full connection string (password included), for Quartz's job store on the same database.</summary>
    public string ConnectionString { get; }

    /// <summary>The connection string without its password, for messages.</summary>
    public string Redacted { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
        => await dataSource.OpenConnectionAsync(cancellationToken);

    public void Dispose() => dataSource.Dispose();
}
