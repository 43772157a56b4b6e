using System.Text.Json.Nodes;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Workspaces;

namespace Reconciler.Cli.Output;

/// <summary>A workspace's GPU request and assignment (or pending reason) in plan JSON; null when it asks for none.</summary>
internal static class GpuJson
{
    public static JsonNode? Of(WorkspaceGpu? gpu) => gpu is null ? null : new JsonObject
    {
        ["mode"] = WorkspaceVocabulary.ToYaml(gpu.Request.Mode),
        ["count"] = gpu.Request.Count,
        ["optional"] = gpu.Request.Optional,
        ["host"] = gpu.Assignment?.Host,
        ["devices"] = gpu.Assignment is { } a
            ? new JsonArray([.. a.Gpus.Select(g => (JsonNode)JsonValue.Create(g.MigInstanceUuid ?? g.DeviceUuid)!)])
            : null,
        ["pending"] = gpu.Pending,
    };

    /// <summary>One line for the text plan: <c>GPU GPU-a,GPU-b on default</c> or the pending reason.</summary>
    public static string? Text(WorkspaceGpu? gpu) => gpu switch
    {
        { Assignment: { } a } => $"GPU {string.Join(",", a.Gpus.Select(g => g.MigInstanceUuid ?? g.DeviceUuid))} on {a.Host}",
        { Pending: { } reason, Request.Optional: true } => "optional GPU not assigned: " + reason,
        _ => null,
    };
}
