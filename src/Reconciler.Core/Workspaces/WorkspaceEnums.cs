namespace Reconciler.Core.Workspaces;

/// <summary>Where a workspace runs. Written in workspace.yaml as <c>docker_local</c>, <c>k8s_pod</c>, ….</summary>
public enum DeploymentKind
{
    DockerLocal,
    K8sPod,
    K8sStateful,
    Vm,
    BareMetal,
}

public enum WorkspaceType
{
    Ide,
    Terminal,
    Desktop,
    Training,
    Inference,
    DataProcess,
}

public enum GpuMode
{
    None,
    Exclusive,
    Mig,
    Shared,
    Vgpu,
}

public enum StorageType
{
    Local,
    Nfs,
    Ceph,
    S3,
    Pvc,
}

public enum PortExposure
{
    Internal,
    Public,
}

public enum LifecyclePolicy
{
    Persistent,
    Ephemeral,
    Scheduled,
    OnDemand,
}

/// <summary>The snake_case vocabulary of workspace.yaml, in one place.</summary>
public static class WorkspaceVocabulary
{
    public static string ToYaml(DeploymentKind value) => value switch
    {
        DeploymentKind.DockerLocal => "docker_local",
        DeploymentKind.K8sPod => "k8s_pod",
        DeploymentKind.K8sStateful => "k8s_stateful",
        DeploymentKind.Vm => "vm",
        _ => "bare_metal",
    };

    public static string ToYaml(LifecyclePolicy value) => value switch
    {
        LifecyclePolicy.Persistent => "persistent",
        LifecyclePolicy.Ephemeral => "ephemeral",
        LifecyclePolicy.Scheduled => "scheduled",
        _ => "on_demand",
    };

    public static string ToYaml(WorkspaceType value) => value switch
    {
        WorkspaceType.DataProcess => "data_process",
        _ => value.ToString().ToLowerInvariant(),
    };

    public static string ToYaml(GpuMode value) => value.ToString().ToLowerInvariant();

    public static string ToYaml(StorageType value) => value.ToString().ToLowerInvariant();

    public static string ToYaml(PortExposure value) => value.ToString().ToLowerInvariant();

    /// <summary>Reads a snake_case word back into its enum; false for words not in the vocabulary.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(ToYaml(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The snake_case word of any vocabulary enum.</summary>
    public static string ToYaml<TEnum>(TEnum value)
        where TEnum : struct, Enum => value switch
        {
            DeploymentKind v => ToYaml(v),
            LifecyclePolicy v => ToYaml(v),
            WorkspaceType v => ToYaml(v),
            GpuMode v => ToYaml(v),
            StorageType v => ToYaml(v),
            PortExposure v => ToYaml(v),
            _ => value.ToString(),
        };
}
