using Reconciler.Core.Repositories;

namespace Reconciler.Core.Tests.Repositories;

public sealed class RepositoryIdentityTests
{
    [Theory]
    [InlineData("https://github.com/acme/ml.git", "github.com/acme/ml")]
    [InlineData("https://x-access-token:SECRET@github.com/acme/ml.git", "github.com/acme/ml")]
    [InlineData("git@github.com:acme/ml.git", "github.com/acme/ml")]
    [InlineData("ssh://git@github.com/acme/ml", "github.com/acme/ml")]
    // System.Uri knows no default port for git://, so an explicit 9418 is kept (as before the move).
    [InlineData("git://127.0.0.1:9418/acme/ml.git/", "127.0.0.1:9418/acme/ml")]
    [InlineData("git://127.0.0.1:4000/ml.git", "127.0.0.1:4000/ml")]
    public void Urls_normalise_to_host_and_path_without_credentials(string url, string expected)
        => Assert.Equal(expected, RepositoryIdentity.FromUrl(url));
}
