namespace Reconciler.GitHub.Webhooks.Signing;

/// <summary>
/// Loads the configured secrets. The worker configuration names an environment variable or a file, never
/// the secret itself. Several secrets (one per line) allow rotation: add the new one, change it on GitHub,
/// then remove the old one. Errors name the variable or file, never its content.
/// </summary>
public static class WebhookSecrets
{
    public static IReadOnlyList<WebhookSecret> FromEnvironment(string variableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variableName);
        var value = Environment.GetEnvironmentVariable(variableName);
        return Parse(value, $"environment variable {variableName}");
    }

    public static IReadOnlyList<WebhookSecret> FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), $"file {path}");
    }

    /// <summary>One secret per line; line breaks and blank lines are not part of any secret.</summary>
    internal static IReadOnlyList<WebhookSecret> Parse(string? text, string source)
    {
        var secrets = (text ?? string.Empty)
            .Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(WebhookSecret.FromString)
            .ToList();
        return secrets.Count > 0
            ? secrets
            : throw new InvalidOperationException($"The webhook secret {source} is missing or empty.");
    }
}
