using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Reconciler.Storage.Postgres.Connections;

/// <summary>
/// Commands in the SQL dialect the SQLite store writes: <c>$name</c> parameters (rewritten to Npgsql's <c>@name</c>),
/// times as the same fixed-width UTC text and lists as JSON arrays, so rows read the same from either store.
/// A null parameter is sent as text, so <c>$x IS NULL</c> has a type to infer.
/// </summary>
internal static partial class PgValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Free text longer than this is cut, as in the SQLite store.</summary>
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

    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Parameter().Replace(sql, "@$1");
        foreach (var (name, value) in parameters)
        {
            var parameter = new NpgsqlParameter(name.TrimStart('$'), value ?? DBNull.Value);
            if (value is null or DBNull)
            {
                parameter.NpgsqlDbType = NpgsqlDbType.Text;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();
}
