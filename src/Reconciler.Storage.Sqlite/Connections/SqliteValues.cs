using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage.Sqlite.Connections;

/// <summary>How values are written: times as fixed-width UTC text (sorts as it reads), lists as JSON arrays.</summary>
internal static class SqliteValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Free text longer than this is cut: messages are for people, output tails are bounded anyway.</summary>
    public const int MaxTextLength = 8192;

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object Time(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public static DateTimeOffset ReadTime(SqliteDataReader reader, int ordinal)
        => DateTimeOffset.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ReadNullableTime(SqliteDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public static string? ReadNullableString(SqliteDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ReadJsonList(SqliteDataReader reader, int ordinal)
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
}
