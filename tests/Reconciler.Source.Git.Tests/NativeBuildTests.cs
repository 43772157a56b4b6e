using LibGit2Sharp;
using Reconciler.Source.Git.Errors;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;
using Xunit.Abstractions;

namespace Reconciler.Source.Git.Tests;

/// <summary>What the libgit2 native build shipped with LibGit2Sharp supports here (documented in docs/git-source.md).</summary>
public sealed class NativeBuildTests(ITestOutputHelper output)
{
    [Fact]
    public void The_native_build_has_https_and_threads()
    {
        var features = GlobalSettings.Version.Features;
        output.WriteLine($"{GlobalSettings.Version}: {features}");

        Assert.True(features.HasFlag(BuiltInFeatures.Https), features.ToString());
        Assert.True(features.HasFlag(BuiltInFeatures.Threads), features.ToString());
    }

    [Fact]
    public async Task An_ssh_url_fails_with_a_classified_error()
    {
        using var test = new TestSource($"ssh://git@127.0.0.1:{GitDaemon.FreePort()}/x.git");

        var error = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.ListRemoteHeadsAsync(CancellationToken.None));

        output.WriteLine($"ssh feature: {GlobalSettings.Version.Features.HasFlag(BuiltInFeatures.Ssh)}; {error.Kind}: {error.Message}");
        Assert.NotEqual(GitFailureKind.AuthenticationFailed, error.Kind);
    }
}
