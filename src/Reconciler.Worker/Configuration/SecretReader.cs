using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Reads a secret from the environment variable or file a <see cref="SecretReference"/> names. Errors name the
/// variable or file and where the configuration refers to it, never the value.
/// </summary>
internal static class SecretReader
{
    public static string? Read(SecretReference reference, string baseDirectory, List<Diagnostic> diagnostics)
    {
        string? text;
        if (reference.Source == SecretSource.EnvironmentVariable)
        {
            text = Environment.GetEnvironmentVariable(reference.Name);
        }
        else
        {
            var path = Path.GetFullPath(reference.Name, baseDirectory);
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Report(diagnostics, reference, $"the secret file {path} cannot be read: {e.GetType().Name}");
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            Report(diagnostics, reference, $"the {reference} is not set or empty; it must hold the secret");
            return null;
        }

        return text;
    }

    private static void Report(List<Diagnostic> diagnostics, SecretReference reference, string message)
        => diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, message, reference.Location));
}
