using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Storage.Sqlite.Migrations;

/// <summary>
/// One embedded script <c>NNNN_name.sql</c>; its checksum detects a script edited after release. The PostgreSQL store
/// loads its own scripts (another assembly and prefix) through <see cref="Load(Assembly, string)"/>.
/// </summary>
internal sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    private const string Prefix = "Reconciler.Storage.Sqlite.Migrations.";

    /// <summary>The embedded scripts in version order; versions must be unique.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = Load(typeof(Migration).Assembly);

    internal static IReadOnlyList<Migration> Load(Assembly assembly, string prefix = Prefix)
    {
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(name[..separator], out var version) || version <= 0)
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().ReplaceLineEndings("\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(version, name, sql, checksum));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations have version {migrations[i].Version}.");
            }
        }

        return migrations;
    }
}
