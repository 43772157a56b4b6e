namespace Reconciler.Core.Configuration;

/// <summary>
/// <c>github</c>: where pull-request checks are reported. Either a GitHub App (<see cref="AppId"/> and
/// <see cref="PrivateKey"/>: check runs) or a <see cref="Token"/> (commit statuses). Secrets are named, never inline.
/// </summary>
public sealed record GitHubConfig(
    Uri ApiUrl,
    long? AppId,
    SecretReference? PrivateKey,
    SecretReference? Token,
    string CheckName = GitHubConfig.DefaultCheckName,
    Uri? DetailsUrl = null)
{
    public const string DefaultCheckName = "reconciler";

    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    public bool IsApp => AppId is not null;
}

/// <summary><c>previews</c>: the global switch for pull-request preview workspaces (each workspace opts in too).</summary>
public sealed record PreviewsConfig(bool Enabled = false, bool AllowForks = false)
{
    public static PreviewsConfig Off { get; } = new();
}
