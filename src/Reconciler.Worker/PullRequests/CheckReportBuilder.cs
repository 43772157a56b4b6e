using System.Globalization;
using System.Text;
using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Planning;
using Reconciler.Core.Policies;
using Reconciler.Core.Workspaces;
using Reconciler.GitHub.Checks;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// Turns what the worker found on a pull request head into a GitHub report: failure when the files are invalid or an
/// enforced policy is violated; one annotation per located diagnostic or violation; and a Markdown summary with the
/// plan of what merging would change (create / recreate / remove, GPU and lifecycle per workspace), Atlantis-style.
/// </summary>
internal static class CheckReportBuilder
{
    public static PullRequestReport Build(PullRequestEvent pullRequest, LoadedRepository loaded, Plan? plan, Uri? detailsUrl)
    {
        var errors = loaded.Diagnostics.Where(d => d.IsError).ToList();
        var blocking = loaded.Violations.Where(v => v.Blocks).ToList();
        var failed = loaded.HasErrors || blocking.Count > 0;
        var annotations = loaded.Diagnostics.Where(d => d.Location is not null).Select(Annotation)
            .Concat(loaded.Violations.Select(Annotation))
            .ToList();
        var title = errors.Count > 0 ? $"{Count(errors.Count, "error")} in the workspace files"
            : blocking.Count > 0 ? $"{Count(blocking.Count, "policy violation")} block {Count(blocking.Select(v => v.Workspace).Distinct().Count(), "workspace")}"
            : plan is null ? "Valid" : "Valid: " + PlanLine(plan);
        return new PullRequestReport(
            pullRequest.Base.Repository.FullName,
            pullRequest.Number,
            pullRequest.Head.Sha,
            failed ? ReportConclusion.Failure : ReportConclusion.Success,
            title,
            Summary(pullRequest, loaded, plan, title),
            annotations,
            detailsUrl ?? new Uri(pullRequest.Base.Repository.HtmlUrl.ToString().TrimEnd('/') + "/pull/" + pullRequest.Number.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Summary(PullRequestEvent pullRequest, LoadedRepository loaded, Plan? plan, string title)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### {Escape(title)}\n\nHead `{pullRequest.Head.Sha[..Math.Min(12, pullRequest.Head.Sha.Length)]}` of #{pullRequest.Number} into `{Escape(pullRequest.Base.Ref)}`.");
        if (pullRequest.IsFork)
        {
            text.Append(" From a fork: evaluated only; nothing from it is ever deployed.");
        }

        text.Append("\n\n");
        if (plan is not null)
        {
            text.Append("#### Plan: what merging would change\n\n| Workspace | Action | GPUs | Lifecycle | Why |\n| --- | --- | --- | --- | --- |\n");
            foreach (var action in plan.Actions)
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{Escape(action.Key.Workspace)}` | {Verb(action.Kind)} | {Gpu(action)} | {Lifecycle(action)} | {Escape(string.Join("; ", action.Reasons))} |\n");
            }

            if (plan.Actions.Count == 0)
            {
                text.Append("| – | nothing | | | no workspaces |\n");
            }

            text.Append('\n');
        }

        if (loaded.Violations.Count > 0)
        {
            text.Append("#### Policy violations\n\n| Level | Policy | Workspace | Where | Message |\n| --- | --- | --- | --- | --- |\n");
            foreach (var violation in loaded.Violations)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {(violation.Blocks ? "blocks" : violation.Level.ToString().ToLowerInvariant())} | `{Escape(violation.Policy.Name)}` | `{Escape(violation.Workspace)}` | `{Escape(violation.Location.ToString())}` | {Escape(violation.Message)} |\n");
            }

            text.Append('\n');
        }

        var diagnostics = loaded.Diagnostics.ToList();
        if (diagnostics.Count > 0)
        {
            text.Append("#### Diagnostics\n\n");
            foreach (var diagnostic in diagnostics)
            {
                text.Append("- `").Append(Escape(diagnostic.ToString())).Append("`\n");
            }
        }

        return text.ToString();
    }

    private static string PlanLine(Plan plan)
    {
        var parts = new[] { PlanActionKind.Create, PlanActionKind.Recreate, PlanActionKind.Remove, PlanActionKind.Start, PlanActionKind.Stop, PlanActionKind.Blocked }
            .Select(kind => (Kind: kind, Count: plan.Count(kind)))
            .Where(p => p.Count > 0)
            .Select(p => $"{Verb(p.Kind)} {p.Count}")
            .ToList();
        return parts.Count == 0 ? "merging changes nothing" : "merging would " + string.Join(", ", parts);
    }

    private static string Verb(PlanActionKind kind) => kind switch
    {
        PlanActionKind.NoOp => "unchanged",
        PlanActionKind.Blocked => "blocked",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Gpu(PlanAction action)
    {
        var desired = action.Desired?.Spec.Gpu;
        var now = desired is null || desired.Mode == GpuMode.None ? "none" : $"{desired.Count} × {WorkspaceVocabulary.ToYaml(desired.Mode)}{(desired.Model is { } model ? " " + model : "")}";
        return action.Desired is null ? "released" : now;
    }

    private static string Lifecycle(PlanAction action)
    {
        if (action.Desired?.Spec.Lifecycle is not { } lifecycle)
        {
            return "–";
        }

        var policy = WorkspaceVocabulary.ToYaml(lifecycle.Policy);
        return lifecycle.Start is { } start && lifecycle.Stop is { } stop ? $"{policy} {Escape(start)}–{Escape(stop)}{(lifecycle.Timezone is { } zone ? " " + zone : "")}" : policy;
    }

    private static ReportAnnotation Annotation(Diagnostic diagnostic) => new(
        diagnostic.Location!.File,
        diagnostic.Location.Line,
        diagnostic.Location.Column,
        diagnostic.IsError ? ReportLevel.Failure : ReportLevel.Warning,
        diagnostic.Code,
        diagnostic.Message);

    private static ReportAnnotation Annotation(PolicyViolation violation) => new(
        violation.Location.File,
        violation.Location.Line,
        violation.Location.Column,
        violation.Level switch { ViolationLevel.Error => ReportLevel.Failure, ViolationLevel.Warning => ReportLevel.Warning, _ => ReportLevel.Notice },
        violation.Code,
        violation.Message);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
