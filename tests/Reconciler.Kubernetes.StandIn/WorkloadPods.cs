using System.Text.Json.Nodes;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>
/// What the controllers of a real cluster would do, for tests (the stand-in runs none): a Pod made from the stored
/// workload's template (its labels, annotations and spec, as applied), and for a StatefulSet its claim
/// <c>workspace-&lt;name&gt;-0</c> mounted as the workspace volume.
/// </summary>
public static class WorkloadPods
{
    /// <summary>The renderer's container and workspace volume name, and the annotation naming a workload's workspace.</summary>
    private const string Workspace = "workspace";
    private const string WorkspaceAnnotation = "dev.reconciler.workspace";

    public static JsonObject ReadyStatus() => new()
    {
        ["phase"] = "Running",
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
    };

    public static JsonObject WaitingStatus(string reason, string message) => new()
    {
        ["phase"] = "Pending",
        ["containerStatuses"] = new JsonArray(new JsonObject
        {
            ["name"] = Workspace,
            ["ready"] = false,
            ["restartCount"] = 0,
            ["image"] = "registry.example/dev/base:1",
            ["imageID"] = "",
            ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } },
        }),
    };

    public static JsonObject UnschedulableStatus(string message) => new()
    {
        ["phase"] = "Pending",
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "PodScheduled", ["status"] = "False", ["reason"] = "Unschedulable", ["message"] = message }),
    };

    /// <summary>Creates (or replaces the status of) the workspace's Pod; returns its API path.</summary>
    public static string Seed(KubernetesStandIn api, string workspace, JsonObject status)
    {
        var (workload, stateful) = Workload(api, workspace);
        var name = workload["metadata"]!["name"]!.GetValue<string>();
        var ns = workload["metadata"]!["namespace"]!.GetValue<string>();
        var template = workload["spec"]!["template"]!;
        var podName = stateful ? $"{name}-0" : $"{name}-7d4b9-x2x5q";
        var spec = template["spec"]!.DeepClone().AsObject();
        if (stateful)
        {
            var claim = ClaimName(api, workspace);
            var volumes = spec["volumes"] as JsonArray ?? [];
            volumes.Add(new JsonObject { ["name"] = Workspace, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } });
            spec["volumes"] = volumes;
            var claimPath = $"/api/v1/namespaces/{ns}/persistentvolumeclaims/{claim}";
            if (api.Get(claimPath) is null)
            {
                api.Seed(claimPath, new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "PersistentVolumeClaim",
                    ["metadata"] = new JsonObject { ["name"] = claim, ["labels"] = template["metadata"]!["labels"]!.DeepClone() },
                    ["spec"] = new JsonObject { ["accessModes"] = new JsonArray("ReadWriteOnce") },
                });
            }
        }

        var path = $"/api/v1/namespaces/{ns}/pods/{podName}";
        var pod = api.Get(path) ?? new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = podName,
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["annotations"] = template["metadata"]!["annotations"]?.DeepClone(),
            },
            ["spec"] = spec,
        };
        pod["status"] = status;
        api.Seed(path, pod);
        return path;
    }

    /// <summary>The claim the StatefulSet controller makes from the workspace claim template.</summary>
    public static string ClaimName(KubernetesStandIn api, string workspace)
        => $"{Workspace}-{Workload(api, workspace).Workload["metadata"]!["name"]!.GetValue<string>()}-0";

    private static (JsonObject Workload, bool Stateful) Workload(KubernetesStandIn api, string workspace)
    {
        foreach (var (path, stateful) in new[] { ("/apis/apps/v1/deployments", false), ("/apis/apps/v1/statefulsets", true) })
        {
            if (api.List(path).FirstOrDefault(w => w["metadata"]!["annotations"]?[WorkspaceAnnotation]?.GetValue<string>() == workspace) is { } found)
            {
                return (found, stateful);
            }
        }

        throw new InvalidOperationException($"no workload of workspace {workspace} is stored: apply it first");
    }
}
