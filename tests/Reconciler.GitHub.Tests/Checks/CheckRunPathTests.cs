using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Reconciler.GitHub.Checks;
using Reconciler.GitHub.StandIn;

namespace Reconciler.GitHub.Tests.Checks;

/// <summary>
/// As a GitHub App: JWT → installation → installation token → check run, against the stand-in that validates every
/// request against GitHub's OpenAPI description. More than 50 annotations go out in batches of 50 (the schema's maxItems).
/// </summary>
public sealed class CheckRunPathTests : IAsyncLifetime
{
    private GitHubStandIn _github = null!;

    [Fact]
    public async Task Annotations_beyond_50_are_sent_in_batches_of_50_and_the_run_completes()
    {
        var (reporter, log, pem) = Reports.App(_github);
        var report = Reports.WithAnnotations(120);

        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(report, CancellationToken.None));

        Assert.Empty(_github.Violations);
        Assert.Equal(
            ["apps/get-repo-installation", "apps/create-installation-access-token", "checks/create", "checks/update", "checks/update", "checks/update"],
            _github.Requests.Select(r => r.OperationId));
        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal((report.HeadSha, "reconciler", "completed", "failure", 3), (run.HeadSha, run.Name, run.Status, run.Conclusion, run.Updates));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"violation {i}"), run.Annotations.Select(a => (string)a["message"]!));
        Assert.Equal(report.Summary, run.Summary);
        Assert.All(_github.Requests.Where(r => r.OperationId == "checks/update"), r => Assert.True(((JArray)r.Body!["output"]!["annotations"]!).Count <= 50));
        Assert.DoesNotContain(pem[40..80], string.Join('\n', log.Entries), StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Contains("Posted the check run for acme/ml#7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_report_without_findings_still_completes_the_run()
    {
        var (reporter, _, _) = Reports.App(_github);

        Assert.Equal(ReportOutcome.Posted, await reporter.ReportAsync(Reports.WithAnnotations(0, ReportConclusion.Success), CancellationToken.None));

        Assert.Empty(_github.Violations);
        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal(("success", 1), (run.Conclusion, run.Updates));
    }

    [Fact]
    public async Task The_stand_in_refuses_51_annotations_in_one_request_as_the_schema_says()
    {
        var (reporter, _, _) = Reports.App(_github);
        await reporter.ReportAsync(Reports.WithAnnotations(1), CancellationToken.None);
        var token = _github.Requests.Count(r => r.OperationId == "apps/create-installation-access-token");
        Assert.Equal(1, token);
        var run = _github.CheckRuns[0];
        var annotations = new JArray(Enumerable.Range(1, 51).Select(i => new JObject { ["path"] = "a", ["start_line"] = i, ["end_line"] = i, ["annotation_level"] = "failure", ["message"] = "m" }));
        var body = new JObject { ["output"] = new JObject { ["title"] = "t", ["summary"] = "s", ["annotations"] = annotations } };
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(_github.BaseUrl, $"repos/acme/ml/check-runs/{run.Id}")) { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(_github.Violations, v => v.Problem.Contains("checks/update", StringComparison.Ordinal) && v.Problem.Contains("TooManyItems", StringComparison.Ordinal));
    }

    public async Task InitializeAsync() => _github = await GitHubStandIn.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();
}
