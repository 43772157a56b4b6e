using Reconciler.Core.State;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>The masking every store applies to free text before it is written.</summary>
public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("clone https://user:s3cret@github.com/a/b.git failed", "clone https://***@github.com/a/b.git failed")]
    [InlineData("ssh://git@example.com/a/b", "ssh://***@example.com/a/b")]
    [InlineData("Authorization: Bearer abcdefgh12345678", "Authorization: Bearer ***")]
    [InlineData("token ghp_0123456789abcdefghij0123 rejected", "token *** rejected")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnop leaked", "*** leaked")]
    [InlineData("glpat-abcdefghij0123456789 leaked", "*** leaked")]
    [InlineData("no secret in https://github.com/a/b.git", "no secret in https://github.com/a/b.git")]
    [InlineData("mail ada@example.com about it", "mail ada@example.com about it")]
    public void Masks_credentials_and_keeps_everything_else(string text, string expected)
        => Assert.Equal(expected, SecretScrubber.Scrub(text));

    [Theory]
    [InlineData("https://user:pw@github.com/a/b.git", true)]
    [InlineData("https://token@github.com/a/b.git", true)]
    [InlineData("https://github.com/a/b.git", false)]
    [InlineData("git@github.com:a/b.git", false)]
    public void Detects_a_url_carrying_user_info(string url, bool expected)
        => Assert.Equal(expected, SecretScrubber.HasCredentials(url));
}
