using System.Globalization;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Policies.Builtins;

/// <summary>
/// <c>quota</c>: per team (or owner, <c>per: owner</c>) at most <c>max.gpus</c> GPUs, <c>max.workspaces</c>
/// workspaces, <c>max.cpu</c> CPUs and <c>max.memory</c> memory, summed over the repository's matching workspaces in
/// file order. The workspaces that still fit pass; each one that pushes a sum over its limit is a violation, located
/// at the value that did. Workspaces without a team (owner) are not counted.
/// </summary>
internal sealed record QuotaRule(bool ByOwner, long? Gpus, long? Workspaces, double? Cpu, long? MemoryBytes) : BuiltinRule
{
    public override string Name => "quota";

    public static QuotaRule? Create(BuiltinParams p)
    {
        p.AllowOnly("per", "max");
        var per = p.Values["per"];
        if (per is not null && per.Type != JTokenType.String || per is not null && (string)per! is not ("team" or "owner"))
        {
            p.Error(JsonPointer.Append(p.Pointer, "per"), "'per' must be team or owner");
        }

        var maxAt = JsonPointer.Append(p.Pointer, "max");
        if (p.Values["max"] is not JObject max)
        {
            p.Error(p.Values["max"] is null ? p.Pointer : maxAt, "missing or invalid 'max': a mapping of gpus, workspaces, cpu, memory");
            return null;
        }

        long? memory = null;
        if (max["memory"] is { } memoryToken)
        {
            if (memoryToken.Type != JTokenType.String || !ByteSize.TryParse((string)memoryToken!, out var bytes))
            {
                p.Error(JsonPointer.Append(maxAt, "memory"), "'memory' must be a size such as 256Gi");
            }
            else
            {
                memory = bytes;
            }
        }

        foreach (var unknown in max.Properties().Where(m => m.Name is not ("gpus" or "workspaces" or "cpu" or "memory")))
        {
            p.Error(JsonPointer.Append(maxAt, unknown.Name), $"unknown limit '{unknown.Name}'; allowed: gpus, workspaces, cpu, memory");
        }

        var gpus = p.Number(max, "gpus", maxAt, integer: true);
        var workspaces = p.Number(max, "workspaces", maxAt, integer: true);
        var cpu = p.Number(max, "cpu", maxAt, integer: false);
        return new QuotaRule(per is not null && (string)per! == "owner", (long?)gpus, (long?)workspaces, cpu, memory);
    }

    internal override IEnumerable<RuleFinding> Evaluate(IReadOnlyList<EffectiveWorkspace> workspaces)
    {
        foreach (var group in workspaces.Where(w => Key(w) is not null).GroupBy(Key, StringComparer.Ordinal))
        {
            double gpus = 0, count = 0, cpu = 0, memory = 0;
            foreach (var workspace in group)
            {
                var owner = ByOwner ? "owner" : "team";
                var workspaceObject = (JObject)workspace.Root["workspace"]!;
                foreach (var finding in new[]
                {
                    Check(ref gpus, Number(workspaceObject, "gpu", "count"), Gpus, "/workspace/gpu/count", "GPUs"),
                    Check(ref count, 1, Workspaces, "/workspace/name", "workspaces"),
                    Check(ref cpu, Number(workspaceObject, "resources", "cpu"), Cpu, "/workspace/resources/cpu", "CPUs"),
                    Check(ref memory, Number(workspaceObject, "resources", "memoryBytes"), MemoryBytes, "/workspace/resources/memory", "bytes of memory"),
                })
                {
                    if (finding is { } found)
                    {
                        yield return new RuleFinding(workspace, found.Pointer, $"{owner} {group.Key}: {found.Detail}");
                    }
                }
            }
        }
    }

    private string? Key(EffectiveWorkspace workspace) => ByOwner ? workspace.Owner : workspace.Team;

    private static (string Pointer, string Detail)? Check(ref double sum, double add, double? limit, string pointer, string what)
    {
        sum += add;
        return limit is { } max && add > 0 && sum > max
            ? (pointer, $"{sum.ToString(CultureInfo.InvariantCulture)} {what} in total, more than the quota of {max.ToString(CultureInfo.InvariantCulture)}")
            : null;
    }

    private static double Number(JObject workspace, string section, string key)
        => workspace[section]?[key] is JValue { Type: JTokenType.Integer or JTokenType.Float } value ? (double)value : 0;
}
