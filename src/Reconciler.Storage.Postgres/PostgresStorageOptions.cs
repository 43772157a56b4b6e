using Npgsql;

namespace Reconciler.Storage.Postgres;

/// <summary>Which PostgreSQL database holds the state. The connection string carries the password: never log it, use <see cref="Redacted"/>.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string (<c>Host=...;Database=...;Username=...;Password=...</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The connection string with its password replaced by <c>***</c>, for errors and logs.</summary>
    public string Redacted => Redact(ConnectionString);

    /// <summary><paramref name="connectionString"/> with any password replaced; text that does not parse is not echoed at all.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <summary>What is wrong with the connection string (the password redacted), or null when it can be used.</summary>
    public string? Problem()
    {
        try
        {
            Validate();
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    internal NpgsqlConnectionStringBuilder Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresStorageOptions.ConnectionString must not be empty.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            // Npgsql's message may quote the offending part, which can be the password: say where, not what.
            throw new ArgumentException("The PostgreSQL connection string is not a valid Npgsql connection string (Key=Value pairs separated by ';').");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException($"The PostgreSQL connection string names no Host: {Redacted}");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException($"The PostgreSQL connection string names no Database: {Redacted}");
        }

        return builder;
    }
}
