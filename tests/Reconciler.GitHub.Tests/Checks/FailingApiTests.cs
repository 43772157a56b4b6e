using Reconciler.GitHub.Checks;
using Reconciler.GitHub.StandIn;

namespace Reconciler.GitHub.Tests.Checks;

/// <summary>5xx answers are retried with backoff until one succeeds; 401 is reported (log, counter) and never thrown.</summary>
public sealed class FailingApiTests : IAsyncLifetime
{
    private GitHubStandIn _github = null!;

    [Fact]
    public async Task Server_errors_are_retried_until_the_call_succeeds()
    {
        var (reporter, log, _) = Reports.App(_github);
        _github.FailNext("checks/create", 502, times: 2);

        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(Reports.WithAnnotations(60), CancellationToken.None));

        Assert.Empty(_github.Violations);
        Assert.Equal([502, 502, 201], _github.Requests.Where(r => r.OperationId == "checks/create").Select(r => r.Status));
        Assert.Equal(2, reporter.Retries);
        Assert.Equal(60, Assert.Single(_github.CheckRuns).Annotations.Count);
        Assert.Equal(2, log.Entries.Count(e => e.StartsWith("4101 GitHub answered 502", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Server_errors_beyond_the_attempts_are_a_failure_not_an_exception()
    {
        var (reporter, _) = Reports.Token(_github, "ghp_" + Guid.NewGuid().ToString("N"));
        _github.FailNext("repos/create-commit-status", 503, times: 10);

        Assert.Equal(ReportOutcome.Failed, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));

        Assert.Equal(4, _github.Requests.Count);
        Assert.Equal(1, reporter.Failures);
    }

    [Fact]
    public async Task Bad_credentials_are_reported_and_not_retried()
    {
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        var (reporter, log) = Reports.Token(_github, token);
        _github.Auth.RejectAll = true;

        Assert.Equal(ReportOutcome.Unauthorized, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));

        Assert.Equal([401], _github.Requests.Select(r => r.Status));
        Assert.Equal(1, reporter.Unauthorized);
        var entry = Assert.Single(log.Entries, e => e.StartsWith("4102 ", StringComparison.Ordinal));
        Assert.Contains("refused the credentials (401)", entry, StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join('\n', log.Entries), StringComparison.Ordinal);

        _github.Auth.RejectAll = false;
        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None));
    }

    public async Task InitializeAsync() => _github = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();
}
