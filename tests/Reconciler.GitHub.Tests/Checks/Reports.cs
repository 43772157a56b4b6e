using System.Security.Cryptography;
using Reconciler.GitHub.Checks;
using Reconciler.GitHub.StandIn;
using Reconciler.GitHub.Tests.Support;

namespace Reconciler.GitHub.Tests.Checks;

/// <summary>Reports and reporters wired to a stand-in: an App with a fresh RSA key, or a token.</summary>
internal static class Reports
{
    public const long AppId = 31337;

    public static PullRequestReport WithAnnotations(int count, ReportConclusion conclusion = ReportConclusion.Failure) => new(
        "acme/ml",
        7,
        new string('b', 40),
        conclusion,
        $"{count} policy violations",
        "## Plan\n\n| workspace | action |\n| --- | --- |\n| web | recreate |",
        [.. Enumerable.Range(1, count).Select(i => new ReportAnnotation(".devcontainer/devcontainer.json", i, 3, ReportLevel.Failure, "POL-no-privileged", $"violation {i}"))],
        new Uri("http://127.0.0.1:8080/api/repositories"));

    public static (PullRequestReporter Reporter, CollectingLogger<PullRequestReporter> Log, string Pem) App(GitHubStandIn standIn)
    {
        var key = RSA.Create(2048);
        standIn.Auth.TrustApp(AppId, key);
        var pem = key.ExportRSAPrivateKeyPem();
        var log = new CollectingLogger<PullRequestReporter>();
        return (new PullRequestReporter(Options(standIn) with { AppId = AppId, PrivateKeyPem = pem }, TimeProvider.System, log), log, pem);
    }

    public static (PullRequestReporter Reporter, CollectingLogger<PullRequestReporter> Log) Token(GitHubStandIn standIn, string token)
    {
        standIn.Auth.AllowToken(token);
        var log = new CollectingLogger<PullRequestReporter>();
        return (new PullRequestReporter(Options(standIn) with { Token = token }, TimeProvider.System, log), log);
    }

    public static GitHubReportingOptions Options(GitHubStandIn standIn) => new() { ApiUrl = standIn.BaseUrl, FirstRetryDelay = TimeSpan.FromMilliseconds(20) };
}
