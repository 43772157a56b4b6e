using k8s;
using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// Pure: a <see cref="DesiredWorkspace"/> with <c>deployment: k8s_pod</c> or <c>k8s_stateful</c> → the objects
/// that run it. Same input, same objects. <c>k8s_pod</c> is a Deployment, <c>k8s_stateful</c> a StatefulSet;
/// both have one replica, or none when <see cref="DesiredWorkspace.Power"/> is Stopped (claims are kept).
/// </summary>
public static class WorkspaceRenderer
{
    /// <summary>The devcontainer CLI's keep-alive loop (as in the Docker adapter): stays up without the image's command, exits at once on SIGTERM.</summary>
    public static readonly IReadOnlyList<string> KeepAliveCommand =
        ["/bin/sh", "-c", "echo Container started; trap \"exit 0\" 15; while sleep 1 & wait $!; do :; done"];

    public const string ContainerName = "workspace";

    public static RenderedWorkspace Render(DesiredWorkspace desired, KubernetesRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (desired.Deployment is not (DeploymentKind.K8sPod or DeploymentKind.K8sStateful))
        {
            problems.Add($"deployment {WorkspaceVocabulary.ToYaml(desired.Deployment)} is not a Kubernetes deployment");
        }

        var ns = KubernetesNames.Namespace(desired.Spec.Team, options);
        var name = KubernetesNames.Object(desired.Key);
        var security = SecurityRenderer.Render(desired, options);
        if (security.Level > options.MaxPodSecurity)
        {
            problems.Add($"the devcontainer needs Pod Security {PodSecurityLevelNames.LabelValue(security.Level)}, this cluster allows at most "
                         + $"{PodSecurityLevelNames.LabelValue(options.MaxPodSecurity)}: {string.Join("; ", security.Deviations)}");
        }

        var meta = new WorkspaceMetadata(desired);
        var resources = ResourceRenderer.Render(desired);
        problems.AddRange(resources.Problems);
        var volumes = VolumeRenderer.Render(desired, meta, options);
        problems.AddRange(volumes.Problems);
        problems.AddRange(desired.Container.Devices.Select(d => $"device {d}: host devices are not available on Kubernetes (GPUs go through gpu:)"));

        var container = new V1Container
        {
            Name = ContainerName,
            Image = desired.Image,
            ImagePullPolicy = "IfNotPresent",
            Command = desired.Container.OverrideCommand ? [.. KeepAliveCommand] : null,
            Env = desired.Container.Env.Count == 0
                ? null
                : [.. desired.Container.Env.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new V1EnvVar { Name = e.Key, Value = e.Value })],
            WorkingDir = desired.Container.WorkspaceFolder,
            Ports = desired.Spec.Ports.Count == 0
                ? null
                : [.. desired.Spec.Ports.Select(p => new V1ContainerPort { Name = ServiceRenderer.PortName(p), ContainerPort = p.Port, Protocol = "TCP" })],
            Resources = resources.Resources,
            SecurityContext = security.Container,
            VolumeMounts = volumes.Mounts,
        };

        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = meta.Labels(),
                // Identity and spec hash, not the commit: a new commit that changes nothing must not replace the Pod.
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [OwnershipLabels.Repository] = desired.Key.Repository,
                    [OwnershipLabels.Workspace] = desired.Key.Workspace,
                    [OwnershipLabels.SpecHash] = desired.SpecHash,
                },
            },
            Spec = new V1PodSpec
            {
                Containers = [container],
                Volumes = volumes.Volumes.Count > 0 ? volumes.Volumes : null,
                SecurityContext = security.Pod,
                NodeSelector = resources.NodeSelector,
                Hostname = desired.Container.Hostname,
                HostNetwork = security.HostNetwork ? true : null,
                HostPID = security.HostPid ? true : null,
                HostIPC = security.HostIpc ? true : null,
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
            },
        };

        var metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Labels = meta.Labels(),
            Annotations = meta.Annotations(),
        };
        var replicas = desired.Power == PowerState.Running ? 1 : 0;
        var selector = new V1LabelSelector { MatchLabels = meta.Selector() };
        IKubernetesObject<V1ObjectMeta> workload = desired.Deployment == DeploymentKind.K8sStateful
            ? new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = "StatefulSet",
                Metadata = metadata,
                Spec = new V1StatefulSetSpec
                {
                    Replicas = replicas,
                    Selector = selector,
                    ServiceName = name,
                    Template = template,
                    VolumeClaimTemplates = volumes.ClaimTemplates,
                    PersistentVolumeClaimRetentionPolicy = new V1StatefulSetPersistentVolumeClaimRetentionPolicy { WhenDeleted = "Retain", WhenScaled = "Retain" },
                },
            }
            : new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = metadata,
                Spec = new V1DeploymentSpec
                {
                    Replicas = replicas,
                    Selector = selector,
                    // One workspace, one Pod: never two at once (a GPU or an RWO claim cannot be shared by the old and new Pod).
                    Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                    Template = template,
                },
            };

        var services = ServiceRenderer.Render(desired, meta, ns, options);
        return new RenderedWorkspace
        {
            Namespace = ns,
            Name = name,
            NamespaceObject = Namespace(ns, options),
            Workload = workload,
            Service = services.Service,
            PublicService = services.PublicService,
            Ingress = services.Ingress,
            PodSecurity = security.Level,
            SecurityDeviations = security.Deviations,
            Problems = problems,
        };
    }

    /// <summary>The team namespace, enforcing the most permissive Pod Security level the cluster allows for workspaces.</summary>
    public static V1Namespace Namespace(string ns, KubernetesRenderOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = ns,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
                [KubernetesLabels.PodSecurityEnforce] = PodSecurityLevelNames.LabelValue(options.MaxPodSecurity),
            },
        },
    };
}
