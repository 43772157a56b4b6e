using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Storage.Postgres;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// <c>database.postgres</c>: reads the connection string from the environment variable or file it names and checks
/// that Npgsql can use it (Host and Database named). Errors point at the reference in the file and show the
/// connection string only with its password replaced by <c>***</c>.
/// </summary>
internal static class PostgresConnectionReader
{
    public static string? Read(SecretReference? reference, string baseDirectory, List<Diagnostic> diagnostics)
    {
        if (reference is null || SecretReader.Read(reference, baseDirectory, diagnostics) is not { } text)
        {
            return null;
        }

        var options = new PostgresStorageOptions { ConnectionString = text.Trim() };
        if (options.Problem() is { } problem)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"database.postgres: the {reference} does not hold a usable connection string: {problem}", reference.Location));
            return null;
        }

        return options.ConnectionString;
    }
}
