using Microsoft.Extensions.Time.Testing;
using Reconciler.GitHub.Checks;
using Reconciler.GitHub.StandIn;
using Reconciler.GitHub.Tests.Support;

namespace Reconciler.GitHub.Tests.Checks;

/// <summary>
/// GitHub's rate-limit answers (403/429 with its x-ratelimit-* or retry-after headers) are not a refusal of the
/// credentials: a short limit is waited out and the report posted; a long one makes the report RateLimited (logged,
/// counted, the time it lifts known) and no call goes out before that time; after it, posting works again.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private GitHubStandIn _github = null!;

    [Fact]
    public async Task A_secondary_limit_with_retry_after_is_waited_out_and_the_check_run_posted()
    {
        var (reporter, log, _) = Reports.App(_github);
        _github.RateLimitNext("checks/create", StandInRateLimit.Secondary(retryAfterSeconds: 1));

        var started = DateTimeOffset.UtcNow;
        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(Reports.WithAnnotations(3), CancellationToken.None));

        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry-after second was not waited");
        Assert.Empty(_github.Violations);
        Assert.Equal([403, 201], _github.Requests.Where(r => r.OperationId == "checks/create").Select(r => r.Status));
        Assert.Single(_github.CheckRuns);
        Assert.Equal((0, 0, 1, 0), (reporter.Unauthorized, reporter.Failures, reporter.RateLimitHits, reporter.RateLimited));
        Assert.Contains(log.Entries, e => e.StartsWith("4104 GitHub rate limit (Secondary, answered 403)", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("4102 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_spent_quota_is_reported_rate_limited_and_nothing_is_called_until_its_reset()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        _github.Auth.AllowToken(token);
        var log = new CollectingLogger<PullRequestReporter>();
        var reporter = new PullRequestReporter(Reports.Options(_github) with { Token = token }, time, log);
        var reset = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds());
        _github.RateLimitNext("repos/create-commit-status", StandInRateLimit.Primary(reset));

        Assert.Equal(ReportOutcome.RateLimited, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));
        Assert.Equal(new RateLimitHit(RateLimitKind.Primary, 403, reset), reporter.RateLimit);
        Assert.Equal((0, 0, 1L), (reporter.Unauthorized, reporter.Failures, reporter.RateLimited));
        var entry = Assert.Single(log.Entries, e => e.StartsWith("4105 ", StringComparison.Ordinal));
        Assert.Contains("rate-limited (Primary)", entry, StringComparison.Ordinal);
        Assert.Contains(reset.ToString("O", System.Globalization.CultureInfo.InvariantCulture), entry, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(28));
        Assert.Equal(ReportOutcome.RateLimited, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));
        Assert.Equal([403], _github.Requests.Select(r => r.Status));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(reporter.RateLimit);
        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));
        Assert.Equal([403, 201], _github.Requests.Select(r => r.Status));
        Assert.Single(_github.Statuses);
        Assert.Empty(_github.Violations);
    }

    [Fact]
    public async Task A_429_without_retry_after_backs_off_one_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        _github.Auth.AllowToken(token);
        var reporter = new PullRequestReporter(Reports.Options(_github) with { Token = token, MaxRateLimitWait = TimeSpan.Zero }, time, new CollectingLogger<PullRequestReporter>());
        _github.RateLimitNext("repos/create-commit-status", StandInRateLimit.Secondary(retryAfterSeconds: null, status: 429));

        Assert.Equal(ReportOutcome.RateLimited, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));

        Assert.Equal(new RateLimitHit(RateLimitKind.Secondary, 429, time.GetUtcNow().AddMinutes(1)), reporter.RateLimit);
        Assert.Equal(0, reporter.Unauthorized);
    }

    [Fact]
    public async Task A_reset_far_away_is_bounded_by_the_longest_backoff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        _github.Auth.AllowToken(token);
        var options = Reports.Options(_github) with { Token = token, MaxRateLimitBackoff = TimeSpan.FromMinutes(10) };
        var reporter = new PullRequestReporter(options, time, new CollectingLogger<PullRequestReporter>());
        _github.RateLimitNext("repos/create-commit-status", StandInRateLimit.Primary(time.GetUtcNow().AddHours(5)));

        Assert.Equal(ReportOutcome.RateLimited, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));

        var retryAt = reporter.RateLimit!.RetryAt;
        Assert.InRange(retryAt, time.GetUtcNow().AddMinutes(9), time.GetUtcNow().AddMinutes(10));
    }

    [Fact]
    public async Task A_plain_403_is_still_a_refusal_of_the_credentials()
    {
        var (reporter, _) = Reports.Token(_github, "ghp_" + Guid.NewGuid().ToString("N"));
        _github.FailNext("repos/create-commit-status", 403);

        Assert.Equal(ReportOutcome.Unauthorized, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));

        Assert.Equal((1L, 0L, 0L), (reporter.Unauthorized, reporter.RateLimitHits, reporter.RateLimited));
    }

    public async Task InitializeAsync() => _github = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();
}
