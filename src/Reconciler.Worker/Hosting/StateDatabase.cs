using Microsoft.Extensions.DependencyInjection;
using Reconciler.Core.Ports;
using Reconciler.Core.State;
using Reconciler.Scheduling;
using Reconciler.Storage.Postgres;
using Reconciler.Storage.Sqlite;
using Reconciler.Storage.Sqlite.Access;
using Reconciler.Storage.Sqlite.Previews;
using Reconciler.Storage.Sqlite.Secrets;
using Reconciler.Worker.Access;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Hosting;

/// <summary>
/// The worker's database, opened (and migrated) before anything listens: the SQLite file by default, PostgreSQL when
/// <c>database.postgres</c> is configured. Either way the same stores are registered, and Quartz's job store is on the
/// same database (clustered on PostgreSQL).
/// </summary>
internal sealed class StateDatabase : IDisposable
{
    private readonly IDisposable _owner;

    private StateDatabase(
        IStateStore store,
        IPowerRecordStore powerRecords,
        LifecycleSchedulingOptions scheduling,
        IConnectionTokenStore tokens,
        IPreviewExpiryStore previews,
        IJumpserverRegistrationStore registrations,
        IWorkspaceSecretStore? secrets,
        IDisposable owner)
    {
        Store = store;
        PowerRecords = powerRecords;
        Scheduling = scheduling;
        Tokens = tokens;
        Previews = previews;
        Registrations = registrations;
        Secrets = secrets;
        _owner = owner;
    }

    public IStateStore Store { get; }

    public IPowerRecordStore PowerRecords { get; }

    public LifecycleSchedulingOptions Scheduling { get; }

    public IConnectionTokenStore Tokens { get; }

    public IPreviewExpiryStore Previews { get; }

    public IJumpserverRegistrationStore Registrations { get; }

    /// <summary>Null without a secrets key.</summary>
    public IWorkspaceSecretStore? Secrets { get; }

    public static async Task<StateDatabase> OpenAsync(WorkerSettings settings, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (settings.PostgresConnectionString is { } connectionString)
        {
            var postgres = await PostgresStateStore.OpenAsync(new PostgresStorageOptions { ConnectionString = connectionString }, timeProvider, cancellationToken);
            return new StateDatabase(
                postgres,
                postgres.PowerRecords,
                new LifecycleSchedulingOptions { PostgresConnectionString = postgres.ConnectionString, TimeProvider = timeProvider },
                new ConnectionTokenStore(postgres),
                new PreviewExpiryStore(postgres),
                new JumpserverRegistrationStore(postgres),
                settings.SecretsKey is { } key ? new WorkspaceSecretStore(postgres, key) : null,
                postgres);
        }

        var sqlite = await SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = settings.DatabasePath }, timeProvider, cancellationToken);
        return new StateDatabase(
            sqlite,
            sqlite.PowerRecords,
            new LifecycleSchedulingOptions { SqliteConnectionString = sqlite.ConnectionString, TimeProvider = timeProvider },
            new ConnectionTokenStore(sqlite),
            new PreviewExpiryStore(sqlite),
            new JumpserverRegistrationStore(sqlite),
            settings.SecretsKey is { } sqliteKey ? new WorkspaceSecretStore(sqlite, sqliteKey) : null,
            sqlite);
    }

    public void Register(IServiceCollection services)
    {
        services.AddSingleton(Store);
        services.AddSingleton(PowerRecords);
        services.AddLifecycleScheduling(Scheduling);
        services.AddSingleton(Tokens);
        services.AddSingleton(Previews);
        services.AddSingleton(Registrations);
        if (Secrets is not null)
        {
            services.AddSingleton(Secrets);
            services.AddSingleton(new JupyterTokens(Secrets));
            services.AddSingleton(new AccessSecrets(Secrets));
        }
    }

    public void Dispose() => _owner.Dispose();
}
