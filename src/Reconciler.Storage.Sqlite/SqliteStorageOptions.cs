namespace Reconciler.Storage.Sqlite;

/// <summary>Where the SQLite database lives and how long a writer waits for the lock.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>File name used when none is configured; it lives beside the worker's configuration file.</summary>
    public const string DefaultFileName = "reconciler.db";

    /// <summary>Path of the database file. Default: <see cref="DefaultFileName"/> in the current directory.</summary>
    public string DatabasePath { get; set; } = DefaultFileName;

    /// <summary>
    /// How long a statement waits for another writer before failing with "database is locked".
    /// Default 5 s: SQLite has one writer at a time and our transactions take milliseconds, so a wait this
    /// long means something is stuck, not busy.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Options for <see cref="DefaultFileName"/> beside <paramref name="configFilePath"/> (<c>reconciler.yaml</c>).</summary>
    public static SqliteStorageOptions BesideConfig(string configFilePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configFilePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(configFilePath)) ?? Directory.GetCurrentDirectory();
        return new SqliteStorageOptions { DatabasePath = Path.Combine(directory, DefaultFileName) };
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException("SqliteStorageOptions.DatabasePath must name a file.");
        }

        if (DatabasePath.Trim() == ":memory:" || DatabasePath.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"SqliteStorageOptions.DatabasePath must be a file path, not '{DatabasePath}': the state must survive a restart.");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"SqliteStorageOptions.BusyTimeout must be between 0 and 5 minutes, not {BusyTimeout}.");
        }
    }
}
