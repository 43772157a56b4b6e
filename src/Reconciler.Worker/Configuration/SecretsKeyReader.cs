using Reconciler.Core.Diagnostics;
using Reconciler.Storage.Sqlite.Secrets;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The key that seals generated secrets in the database: the environment variable <see cref="EnvironmentVariable"/>,
/// else the file <c>database.secretsKeyFile</c> (relative to the configuration's folder); 32 bytes as base64 or hex.
/// Neither: null, and workspaces with <c>access.jupyter</c> fail with <c>SecretsKeyMissing</c>. A key that is set
/// but unreadable or malformed stops start-up.
/// </summary>
internal static class SecretsKeyReader
{
    public const string EnvironmentVariable = "RECONCILER_SECRETS_KEY";

    private const string Pointer = "/database/secretsKeyFile";

    public static SecretBox? Read(string? keyFile, SourceLocation? location, string baseDirectory, List<Diagnostic> diagnostics)
    {
        const string Format = "32 random bytes as base64 or hex, e.g. the output of 'openssl rand -base64 32'";
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } text)
        {
            var box = SecretBox.FromText(text);
            if (box is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"the environment variable {EnvironmentVariable} is not a secrets key: write {Format}"));
            }

            return box;
        }

        if (keyFile is null)
        {
            return null;
        }

        var path = Path.GetFullPath(keyFile, baseDirectory);
        try
        {
            var box = SecretBox.FromText(File.ReadAllText(path));
            if (box is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"database.secretsKeyFile: {path} is not a secrets key: write {Format}", location, Pointer));
            }

            return box;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"database.secretsKeyFile: {path} cannot be read: {e.Message}", location, Pointer));
            return null;
        }
    }
}
