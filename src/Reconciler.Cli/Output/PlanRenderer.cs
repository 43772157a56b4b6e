using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Planning;
using Reconciler.Core.Workspaces;

namespace Reconciler.Cli.Output;

/// <summary>Renders a plan like <c>terraform plan</c>: one line per workspace with the reason, then a summary.</summary>
internal static class PlanRenderer
{
    public static void WriteText(TextWriter writer, string repository, string commit, Plan plan)
    {
        writer.WriteLine($"Reconciler plan for {repository} @ {Short(commit)}");
        writer.WriteLine();
        if (plan.Actions.Count == 0)
        {
            writer.WriteLine("  (no workspaces declared and none running)");
        }

        var width = plan.Actions.Count == 0 ? 0 : plan.Actions.Max(a => a.Key.Workspace.Length);
        foreach (var action in plan.Actions)
        {
            var (symbol, verb) = Symbol(action.Kind);
            var notes = GpuJson.Text(action.Desired?.Gpu) is { } gpu && action.Kind != PlanActionKind.Pending ? [.. action.Reasons, gpu] : action.Reasons;
            var reasons = notes.Count == 0 ? "" : $"  ({string.Join("; ", notes)})";
            writer.WriteLine($"  {symbol} {verb,-8} {action.Key.Workspace.PadRight(width)}{reasons}");
            if (Lifecycle(action) is { } power)
            {
                writer.WriteLine($"    {"".PadRight(8)} lifecycle {power.Policy}: {power.Text}");
            }
        }

        writer.WriteLine();
        writer.WriteLine(Summary(plan));
    }

    public static string Summary(Plan plan)
        => $"Plan: {plan.Count(PlanActionKind.Create)} to create, {plan.Count(PlanActionKind.Recreate)} to recreate, "
           + $"{plan.Count(PlanActionKind.Start)} to start, {plan.Count(PlanActionKind.Stop)} to stop, "
           + $"{plan.Count(PlanActionKind.Remove)} to remove, {plan.Count(PlanActionKind.Blocked)} blocked, "
           + $"{plan.Count(PlanActionKind.Pending)} pending, "
           + $"{plan.Count(PlanActionKind.NoOp)} unchanged.";

    public static JsonObject ToJson(string repository, string commit, Plan plan) => new()
    {
        ["repository"] = repository,
        ["commit"] = commit,
        ["actions"] = new JsonArray(plan.Actions.Select(a => (JsonNode)ActionJson(a)).ToArray()),
        ["summary"] = new JsonObject
        {
            ["create"] = plan.Count(PlanActionKind.Create),
            ["recreate"] = plan.Count(PlanActionKind.Recreate),
            ["start"] = plan.Count(PlanActionKind.Start),
            ["stop"] = plan.Count(PlanActionKind.Stop),
            ["remove"] = plan.Count(PlanActionKind.Remove),
            ["blocked"] = plan.Count(PlanActionKind.Blocked),
            ["pending"] = plan.Count(PlanActionKind.Pending),
            ["unchanged"] = plan.Count(PlanActionKind.NoOp),
        },
    };

    private static JsonObject ActionJson(PlanAction a)
    {
        var json = new JsonObject
        {
            ["workspace"] = a.Key.Workspace,
            ["action"] = Name(a.Kind),
            ["reasons"] = new JsonArray(a.Reasons.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["specHash"] = a.Desired?.SpecHash,
            ["observedSpecHash"] = a.Observed?.SpecHash,
            ["container"] = a.Observed?.Name,
            ["image"] = a.Desired?.Image,
            ["gpu"] = GpuJson.Of(a.Desired?.Gpu),
        };
        if (Lifecycle(a) is { } power)
        {
            json["lifecycle"] = new JsonObject
            {
                ["policy"] = power.Policy,
                ["state"] = power.Decision.State.ToString().ToLowerInvariant(),
                ["reason"] = power.Decision.Reason,
                ["nextState"] = power.Decision.Next?.State.ToString().ToLowerInvariant(),
                ["nextAt"] = power.Decision.Next?.At,
                ["description"] = power.Text,
            };
        }

        return json;
    }

    /// <summary>The power decision of a workspace whose lifecycle is more than "always running" (persistent without idleTimeout shows nothing).</summary>
    private static (string Policy, PowerDecision Decision, string Text)? Lifecycle(PlanAction action)
    {
        if (action.Desired is not { PowerDecision: { } decision } desired
            || desired.Spec.Lifecycle is { Policy: LifecyclePolicy.Persistent, IdleTimeout: null })
        {
            return null;
        }

        return (WorkspaceVocabulary.ToYaml(desired.Spec.Lifecycle.Policy), decision, PowerStateDescription.Describe(decision, TimeProvider.System.GetUtcNow()));
    }

    public static void WriteJson(TextWriter writer, JsonNode node)
        => writer.WriteLine(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public static string Name(PlanActionKind kind) => kind switch
    {
        PlanActionKind.NoOp => "no-op",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static (string Symbol, string Verb) Symbol(PlanActionKind kind) => kind switch
    {
        PlanActionKind.Create => ("+", "create"),
        PlanActionKind.Recreate => ("~", "recreate"),
        PlanActionKind.Start => (">", "start"),
        PlanActionKind.Stop => ("#", "stop"),
        PlanActionKind.Remove => ("-", "remove"),
        PlanActionKind.Blocked => ("!", "blocked"),
        PlanActionKind.Pending => ("…", "pending"),
        _ => (" ", "no-op"),
    };

    public static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
