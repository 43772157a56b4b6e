using System.Diagnostics;
using Reconciler.Source.Git.Errors;
using Reconciler.Source.Git.Tests.Support;
using Reconciler.TestKit.Git;
using Xunit.Abstractions;

namespace Reconciler.Source.Git.Tests;

public sealed class FailureTests(GitDaemon daemon, ITestOutputHelper output) : IClassFixture<GitDaemon>
{
    [Fact]
    public async Task A_closed_port_fails_fast_as_Unreachable()
    {
        using var test = new TestSource($"git://127.0.0.1:{GitDaemon.FreePort()}/x.git");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.SyncAsync(CancellationToken.None));

        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {error.Message}");
        Assert.Equal(GitFailureKind.Unreachable, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(Directory.Exists(test.Source.CachePath));
        Assert.Empty(Directory.GetDirectories(test.CacheRoot));
    }

    [Fact]
    public async Task A_repository_the_daemon_does_not_have_is_NotFound()
    {
        using var test = new TestSource(daemon.UrlOf("no-such-repository"));

        var error = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.ListRemoteHeadsAsync(CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Equal(GitFailureKind.NotFound, error.Kind);
        Assert.Contains("no-such-repository", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:SECRET@127.0.0.1:{0}/x.git")]
    [InlineData("http://SECRET@127.0.0.1:{0}/x.git")]
    [InlineData("https://user:SECRET%2Fpart@127.0.0.1:{0}/x.git")]
    public async Task A_token_in_the_url_never_appears_in_errors_or_logs(string template)
    {
        using var test = new TestSource(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, GitDaemon.FreePort()));

        var sync = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.SyncAsync(CancellationToken.None));
        var list = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.ListRemoteHeadsAsync(CancellationToken.None));

        output.WriteLine(sync.Message);
        Assert.Equal(GitFailureKind.Unreachable, sync.Kind);
        Assert.DoesNotContain("SECRET", sync.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", list.ToString(), StringComparison.Ordinal);
        Assert.Null(sync.InnerException);
        Assert.NotEmpty(test.Logger.Lines);
        Assert.All(test.Logger.Lines, line => Assert.DoesNotContain("SECRET", line, StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET", test.Source.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_token_credentials_never_appear_in_errors_or_logs()
    {
        var credentials = GitCredentials.Token("TOKEN-123456");
        using var test = new TestSource($"http://127.0.0.1:{GitDaemon.FreePort()}/x.git", credentials: credentials);

        var error = await Assert.ThrowsAsync<GitSourceException>(() => test.Source.SyncAsync(CancellationToken.None));

        Assert.DoesNotContain("TOKEN-123456", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN-123456", credentials.ToString(), StringComparison.Ordinal);
        Assert.All(test.Logger.Lines, line => Assert.DoesNotContain("TOKEN-123456", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_sync_throws_OperationCanceled()
    {
        using var test = new TestSource(daemon.UrlOf("whatever"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Source.SyncAsync(cancelled.Token));
    }
}
