namespace Reconciler.Storage.Sqlite;

/// <summary>
/// The database was written by a newer Reconciler (or its migration history does not match this build).
/// Thrown at start before anything is written: the file is left exactly as it was.
/// </summary>
public sealed class SchemaVersionException : Exception
{
    public SchemaVersionException(string message)
        : base(message)
    {
    }

    public SchemaVersionException()
    {
    }

    public SchemaVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
