using Reconciler.GitHub.Checks;
using Reconciler.GitHub.StandIn;

namespace Reconciler.GitHub.Tests.Checks;

/// <summary>With only a token: one commit status per head, with a link, validated against GitHub's OpenAPI description.</summary>
public sealed class CommitStatusPathTests : IAsyncLifetime
{
    private readonly string _token = "ghp_" + Guid.NewGuid().ToString("N");
    private GitHubStandIn _github = null!;

    [Fact]
    public async Task A_token_posts_a_commit_status_with_a_link()
    {
        var (reporter, log) = Reports.Token(_github, _token);
        var report = Reports.WithAnnotations(3) with { Title = new string('x', 200) };

        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(report, CancellationToken.None));

        Assert.Empty(_github.Violations);
        var status = Assert.Single(_github.Statuses);
        Assert.Equal(("acme/ml", report.HeadSha, "failure", "reconciler", report.DetailsUrl!.ToString()), (status.Repository, status.Sha, status.State, status.Context, status.TargetUrl));
        Assert.Equal(140, status.Description!.Length);
        Assert.Equal("token", Assert.Single(_github.Requests).AuthorizationScheme, ignoreCase: true);
        Assert.DoesNotContain(_token, string.Join('\n', log.Entries), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compliant_head_is_success()
    {
        var (reporter, _) = Reports.Token(_github, _token);

        await reporter.ReportAsync(Reports.WithAnnotations(0, ReportConclusion.Success), CancellationToken.None);

        Assert.Equal("success", Assert.Single(_github.Statuses).State);
        Assert.Empty(_github.Violations);
    }

    public async Task InitializeAsync() => _github = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();
}
