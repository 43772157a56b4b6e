using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Planning;
using Reconciler.Core.Workspaces;
using Reconciler.GitHub.Checks;
using Reconciler.GitHub.Webhooks.Events;
using Reconciler.TestKit;
using Reconciler.Worker.PullRequests;

namespace Reconciler.Worker.Tests.PullRequests;

/// <summary>The report of a pull request head: conclusion, title, annotations at the source lines, and the Markdown plan.</summary>
public sealed class CheckReportBuilderTests
{
    private const string Repository = "github.com/acme/ml";

    [Fact]
    public void The_summary_plans_creates_recreates_and_removes_with_gpus_and_schedules()
    {
        var gpu = DesiredWorkspaces.For(Repository, "train") with
        {
            Spec = new WorkspaceSpec
            {
                Name = "train",
                Gpu = new GpuSpec(GpuMode.Exclusive, 2, "H100"),
                Lifecycle = new LifecycleSpec(LifecyclePolicy.Scheduled, "Asia/Shanghai", "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI"),
            },
        };
        var web = DesiredWorkspaces.For(Repository, "web");
        var observedWeb = Observation(web.WithField("image", "old:1"));
        var observedOld = Observation(DesiredWorkspaces.For(Repository, "old"));
        var plan = Planner.Plan([gpu, web], [observedWeb, observedOld]);
        var loaded = new LoadedRepository(Repository, new string('a', 40), new WorkspaceFileSpec(1, [gpu.Spec, web.Spec], false, Core.Documents.YamlDocumentReader.Read("version: 1\n", "workspace.yaml").Value!), [gpu, web], []);

        var report = CheckReportBuilder.Build(Event(), loaded, plan, null);

        Assert.Equal((ReportConclusion.Success, "Valid: merging would create 1, recreate 1, remove 1"), (report.Conclusion, report.Title));
        Assert.Contains("| `train` | create | 2 × exclusive H100 | scheduled 0 0 9 ? * MON-FRI–0 0 21 ? * MON-FRI Asia/Shanghai | new workspace |", report.Summary, StringComparison.Ordinal);
        Assert.Contains("| `web` | recreate | none | persistent | image changed |", report.Summary, StringComparison.Ordinal);
        Assert.Contains("| `old` | remove | released | – |", report.Summary, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://github.com/acme/ml/pull/12"), report.DetailsUrl);
        Assert.Empty(report.Annotations);
    }

    [Fact]
    public void Invalid_files_fail_with_one_annotation_per_located_diagnostic()
    {
        var loaded = new LoadedRepository(Repository, new string('a', 40), null, [],
        [
            Diagnostic.Error(DiagnosticCodes.UnknownKey, "unknown key 'imagee'", new SourceLocation(".devcontainer/devcontainer.json", 3, 5)),
            Diagnostic.Warning(DiagnosticCodes.LocalEnvNotAllowed, "HOME is not allowed", new SourceLocation(".devcontainer/devcontainer.json", 4, 9)),
            Diagnostic.Error(DiagnosticCodes.FileNotFound, "no location"),
        ]);

        var report = CheckReportBuilder.Build(Event(fork: true), loaded, null, new Uri("https://reconciler.example.com/"));

        Assert.Equal((ReportConclusion.Failure, "2 errors in the workspace files"), (report.Conclusion, report.Title));
        Assert.Equal(
            [(".devcontainer/devcontainer.json", 3, 5, ReportLevel.Failure, "RC0101"), (".devcontainer/devcontainer.json", 4, 9, ReportLevel.Warning, "RC0204")],
            report.Annotations.Select(a => (a.Path, a.Line, a.Column, a.Level, a.Title)));
        Assert.Contains("From a fork: evaluated only", report.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("#### Plan", report.Summary, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://reconciler.example.com/"), report.DetailsUrl);
    }

    private static PullRequestEvent Event(bool fork = false)
    {
        var base_ = new GitHubRepository("acme/ml", new Uri("https://github.com/acme/ml.git"), new Uri("https://github.com/acme/ml"));
        var head = fork ? new GitHubRepository("someone/ml", new Uri("https://github.com/someone/ml.git"), new Uri("https://github.com/someone/ml")) : base_;
        return new PullRequestEvent("opened", 12, new PullRequestHead(new string('b', 40), "feature", head), new PullRequestBase(new string('c', 40), "main", base_), false, "alice");
    }

    private static WorkspaceObservation Observation(DesiredWorkspace desired) => new(
        "id-" + desired.Key.Workspace, "rc-" + desired.Key.Workspace, desired.Key, desired.SpecHash, ObservedState.Running, desired.Commit, DateTimeOffset.UnixEpoch, desired.Fields);
}
