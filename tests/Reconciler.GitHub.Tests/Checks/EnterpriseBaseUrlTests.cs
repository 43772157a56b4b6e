using Reconciler.GitHub.Checks;
using Reconciler.GitHub.StandIn;

namespace Reconciler.GitHub.Tests.Checks;

/// <summary>A GitHub Enterprise Server base URL (<c>http://HOST:PORT/api/v3</c>, without a trailing slash as users write it): every call goes under it.</summary>
public sealed class EnterpriseBaseUrlTests : IAsyncLifetime
{
    private GitHubStandIn _github = null!;

    [Fact]
    public async Task Every_call_goes_to_the_enterprise_api_path()
    {
        var key = System.Security.Cryptography.RSA.Create(2048);
        _github.Auth.TrustApp(Reports.AppId, key);
        var apiUrl = new Uri(_github.BaseUrl.ToString().TrimEnd('/'));
        Assert.EndsWith("/api/v3", apiUrl.ToString(), StringComparison.Ordinal);
        var reporter = new PullRequestReporter(
            new GitHubReportingOptions { ApiUrl = apiUrl, AppId = Reports.AppId, PrivateKeyPem = key.ExportRSAPrivateKeyPem() },
            TimeProvider.System,
            new Support.CollectingLogger<PullRequestReporter>());

        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(Reports.WithAnnotations(2), CancellationToken.None));

        Assert.Empty(_github.Violations);
        Assert.Equal(4, _github.Requests.Count);
        Assert.Single(_github.CheckRuns);
    }

    public async Task InitializeAsync() => _github = await GitHubStandIn.StartAsync("/api/v3/");

    public async Task DisposeAsync() => await _github.DisposeAsync();
}
