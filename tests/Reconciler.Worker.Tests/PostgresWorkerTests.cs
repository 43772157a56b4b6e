using System.Net;
using System.Net.Http.Headers;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// The worker with <c>database.postgres</c> on the real PostgreSQL server: it converges a workspace on the real Docker
/// engine, keeps its state in PostgreSQL (no SQLite file is created) and reports it through the API; the connection
/// string's password never reaches the log.
/// </summary>
public sealed class PostgresWorkerTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly TempDirectory _secrets = new("rc-pg-worker");
    private PostgresDatabase? _database;

    [Fact]
    public async Task A_worker_on_PostgreSQL_converges_a_workspace_and_reports_it_through_the_API()
    {
        _database = await PostgresServer.CreateDatabaseAsync();
        var connectionFile = _secrets.Write("postgres.conn", _database.ConnectionString + "\n");
        var token = "adm-" + Guid.NewGuid().ToString("N");
        var tokenVariable = "RC_TEST_PG_API_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(tokenVariable, token);
        var (work, identity) = _world.CreateRepository("pgworker");
        work.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, Files.Devcontainer("postgres"));
        var commit = work.CommitAndPush("add web");

        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            database:
              postgres: { connectionStringFile: {{connectionFile}} }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{tokenVariable}} }
            """);

        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, TimeSpan.FromSeconds(60), "the workspace runs");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(new(identity, "web"), CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true,
            TimeSpan.FromSeconds(30),
            "the workspace is reported Ready");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_world.Address, "/api/workspaces"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _world.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(identity, body, StringComparison.Ordinal);
        Assert.Contains(commit, body, StringComparison.Ordinal);

        using var ready = await _world.Http.GetAsync(new Uri(_world.Address, "/readyz"));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var connection = _database.Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM workspaces WHERE repository = '{identity}' AND workspace = 'web';";
            Assert.Equal(1L, (long)command.ExecuteScalar()!);
        }

        // Quartz runs clustered on the same database: its instance checks in there.
        await _world.EventuallyAsync(
            () =>
            {
                using var connection = _database.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM qrtz_scheduler_state;";
                return Task.FromResult((long)command.ExecuteScalar()! == 1L);
            },
            TimeSpan.FromSeconds(30),
            "the Quartz instance checked in on PostgreSQL");

        Assert.False(File.Exists(_world.DatabasePath), "no SQLite file beside the configuration");
        Assert.DoesNotContain(_database.Password, _world.Log, StringComparison.Ordinal);
        Environment.SetEnvironmentVariable(tokenVariable, null);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _secrets.Dispose();
    }
}
