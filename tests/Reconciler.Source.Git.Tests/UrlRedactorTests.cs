using Reconciler.Source.Git.Errors;

namespace Reconciler.Source.Git.Tests;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("failed to connect to https://user:SECRET@host/x.git", "failed to connect to https://***@host/x.git")]
    [InlineData("'http://SECRET@host/x' refused", "'http://***@host/x' refused")]
    [InlineData("no url here", "no url here")]
    [InlineData("the token SECRET was echoed", "the token *** was echoed")]
    [InlineData("escaped SECRET%2F1 too", "escaped *** too")]
    public void Userinfo_and_known_secrets_are_masked(string text, string expected)
    {
        Assert.Equal(expected, UrlRedactor.Redact(text, ["SECRET", "SECRET/1"]));
    }

    [Fact]
    public void StripUserInfo_returns_the_bare_url_and_decoded_parts()
    {
        var url = UrlRedactor.StripUserInfo("https://me:p%40ss@example.com/a/b.git", out var user, out var password);

        Assert.Equal("https://example.com/a/b.git", url);
        Assert.Equal("me", user);
        Assert.Equal("p@ss", password);
    }

    [Fact]
    public void StripUserInfo_leaves_scp_like_urls_alone()
    {
        Assert.Equal("git@github.com:acme/ml.git", UrlRedactor.StripUserInfo("git@github.com:acme/ml.git", out var user, out _));
        Assert.Null(user);
    }
}
