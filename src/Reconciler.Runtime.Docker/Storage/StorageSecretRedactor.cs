namespace Reconciler.Runtime.Docker.Storage;

/// <summary>
/// Removes storage secrets from failure reports: the engine's "failed to mount local volume" error repeats the volume's
/// driver options, ceph secret included, and reports are logged, stored and shown in pull-request checks.
/// </summary>
internal static class StorageSecretRedactor
{
    public const string Mask = "***";

    public static string? Redact(string? text, IReadOnlyDictionary<string, StorageCredential> credentials)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var credential in credentials.Values.Where(c => c.Secret.Length > 0))
        {
            text = text.Replace(credential.Secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
