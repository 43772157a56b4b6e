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
}
