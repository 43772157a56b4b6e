using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage.Sqlite.Connections;

/// <summary>
/// How values are written: times as fixed-width UTC text (sorts as it reads), lists as JSON arrays. The PostgreSQL store
/// writes the same formats and runs the same command classes through <see cref="Command(DbConnection, DbTransaction?, string, (string Name, object? Value)[])"/>.
/// </summary>
internal static partial class SqliteValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Free text longer than this is cut: messages are for people, output tails are bounded anyway.</summary>
    public const int MaxTextLength = 8192;

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object Time(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
        => DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static string? ReadNullableString(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ReadJsonList(DbDataReader reader, int ordinal)
        => JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    public static string? Truncate(string? text)
        => text is { Length: > MaxTextLength } ? string.Concat(text.AsSpan(0, MaxTextLength - 1), "…") : text;

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>
    /// A command on any ADO.NET connection in this store's dialect: <c>$name</c> parameters. SQLite takes them as written;
    /// other providers (Npgsql) get <c>@name</c>, and a null is typed as text so <c>$x IS NULL</c> has a type to infer.
    /// </summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        if (connection is SqliteConnection sqlite)
        {
            return Command(sqlite, (SqliteTransaction?)transaction, sql, parameters);
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = NamedParameter().Replace(sql, "@$1");
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name.TrimStart('$');
            parameter.Value = value ?? DBNull.Value;
            if (value is null or DBNull)
            {
                parameter.DbType = DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial System.Text.RegularExpressions.Regex NamedParameter();
}
