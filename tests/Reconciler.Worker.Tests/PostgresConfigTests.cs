using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary><c>database.postgres</c>: the connection string comes from an environment variable or a file, is checked at start, and never shows its password.</summary>
public sealed class PostgresConfigTests : IDisposable
{
    private const string Password = "pg-hunter2-secret";
    private readonly TempDirectory _folder = new("reconciler-pgconfig");

    [Fact]
    public void A_connection_string_file_is_read_and_the_password_never_shows()
    {
        _folder.Write("pg.conn", $"Host=db.example;Database=reconciler;Username=rc;Password={Password}\n");

        var (settings, diagnostics) = Load("version: 1\ndatabase:\n  postgres: { connectionStringFile: pg.conn }\n");

        Assert.Empty(diagnostics);
        Assert.Equal($"Host=db.example;Database=reconciler;Username=rc;Password={Password}", settings!.PostgresConnectionString);
        Assert.DoesNotContain(Password, settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("database postgres", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_without_a_database_is_a_located_error_with_the_password_redacted()
    {
        var variable = "RC_TEST_PG_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, $"Host=db.example;Username=rc;Password={Password}");
        try
        {
            var (settings, diagnostics) = Load($"version: 1\ndatabase:\n  postgres:\n    connectionStringEnv: {variable}\n");

            Assert.Null(settings);
            var error = Assert.Single(diagnostics);
            Assert.Equal(DiagnosticCodes.ConfigInvalid, error.Code);
            Assert.Equal(new SourceLocation("reconciler.yaml", 4, 26), error.Location);
            Assert.Contains("names no Database", error.Message, StringComparison.Ordinal);
            Assert.Contains("Password=***", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void An_unset_variable_both_keys_and_sqlite_beside_postgres_are_each_located()
    {
        var variable = "RC_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

        var unset = Assert.Single(Load($"version: 1\ndatabase:\n  postgres: {{ connectionStringEnv: {variable} }}\n").Diagnostics);
        var both = Load("version: 1\ndatabase:\n  sqlite: state.db\n  postgres:\n    connectionStringEnv: A\n    connectionStringFile: b.conn\n").Diagnostics;
        var empty = Assert.Single(Load("version: 1\ndatabase:\n  postgres: {}\n").Diagnostics);

        Assert.Equal(new SourceLocation("reconciler.yaml", 3, 36), unset.Location);
        Assert.Contains($"environment variable {variable} is not set", unset.Message, StringComparison.Ordinal);
        Assert.Contains(both, d => d.Location == new SourceLocation("reconciler.yaml", 3, 11) && d.Message.Contains("exclude each other", StringComparison.Ordinal));
        Assert.Contains(both, d => d.Location == new SourceLocation("reconciler.yaml", 6, 27) && d.Message.Contains("either connectionStringEnv or connectionStringFile", StringComparison.Ordinal));
        Assert.Equal(3, empty.Location!.Line);
    }

    public void Dispose() => _folder.Dispose();

    private (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Load(string yaml)
        => WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", yaml), "reconciler.yaml");
}
