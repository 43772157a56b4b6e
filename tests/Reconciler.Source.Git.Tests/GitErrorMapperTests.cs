using LibGit2Sharp;
using Reconciler.Source.Git.Errors;

namespace Reconciler.Source.Git.Tests;

public sealed class GitErrorMapperTests
{
    private const string Url = "git://127.0.0.1:9418/missing-corrupt-auth.git";

    [Theory]
    [InlineData("failed to connect to 127.0.0.1: Connection refused", GitFailureKind.Unreachable)]
    [InlineData("remote error: access denied or repository not exported: /missing-corrupt-auth.git", GitFailureKind.NotFound)]
    [InlineData("unexpected http status code: 404", GitFailureKind.NotFound)]
    [InlineData("too many redirects or authentication replays", GitFailureKind.AuthenticationFailed)]
    [InlineData("unexpected http status code: 401", GitFailureKind.AuthenticationFailed)]
    [InlineData("object not found - no match for id (0123)", GitFailureKind.Corrupt)]
    [InlineData("something odd at " + Url, GitFailureKind.Other)]
    public void Messages_map_to_kinds_and_the_repository_name_does_not_steer_them(string message, GitFailureKind expected)
    {
        var mapped = GitErrorMapper.Map(new LibGit2SharpException(message), "fetch", Url, []);

        Assert.Equal(expected, mapped.Kind);
        Assert.StartsWith($"git fetch {Url} failed ({expected}): ", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryNotFoundException_is_NotFound()
    {
        Assert.Equal(GitFailureKind.NotFound, GitErrorMapper.Map(new RepositoryNotFoundException("gone"), "open", Url, []).Kind);
    }
}
