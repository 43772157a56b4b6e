namespace Reconciler.Source.Git;

public enum GitCredentialKind
{
    None,
    Token,
    Basic,
}

/// <summary>
/// HTTPS credentials for one repository, resolved by the caller from a credentials reference (a secret
/// store, an environment variable). The secret is never part of <see cref="ToString"/>.
/// </summary>
public sealed class GitCredentials
{
    /// <summary>User name sent with a token; GitHub, GitLab and Gitea accept any user name with a token as the password.</summary>
    public const string TokenUserName = "x-access-token";

    private GitCredentials(GitCredentialKind kind, string userName, string secret)
    {
        Kind = kind;
        UserName = userName;
        Secret = secret;
    }

    public static GitCredentials None { get; } = new(GitCredentialKind.None, "", "");

    public GitCredentialKind Kind { get; }

    public string UserName { get; }

    /// <summary>The token or password; only the transport reads it.</summary>
    internal string Secret { get; }

    public static GitCredentials Token(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new GitCredentials(GitCredentialKind.Token, TokenUserName, token);
    }

    public static GitCredentials Basic(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        return new GitCredentials(GitCredentialKind.Basic, userName, password);
    }

    public override string ToString() => Kind == GitCredentialKind.None ? "GitCredentials(None)" : $"GitCredentials({Kind}, {UserName}, ***)";
}
