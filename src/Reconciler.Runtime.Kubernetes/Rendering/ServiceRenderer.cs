using System.Globalization;
using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// Services for <c>ports</c>. <c>k8s_stateful</c> always has a headless governing Service (its Pod gets a stable
/// DNS name); <c>k8s_pod</c> gets a ClusterIP Service when it declares ports. Public ports are also reached
/// through a LoadBalancer Service or an Ingress, per <see cref="KubernetesRenderOptions.PublicExposure"/>.
/// </summary>
internal static class ServiceRenderer
{
    public sealed record Result(V1Service? Service, V1Service? PublicService, V1Ingress? Ingress);

    public static Result Render(DesiredWorkspace desired, WorkspaceMetadata meta, string ns, KubernetesRenderOptions options)
    {
        var key = desired.Key;
        var ports = desired.Spec.Ports;
        var stateful = desired.Deployment == DeploymentKind.K8sStateful;
        var name = KubernetesNames.Object(key);
        V1Service? service = null;
        if (stateful || ports.Count > 0)
        {
            service = Service(desired, meta, name, ns, "ClusterIP", ports);
            if (stateful)
            {
                service.Spec.ClusterIP = "None";
            }
        }

        var exposed = ports.Where(p => p.Expose == PortExposure.Public).ToList();
        if (exposed.Count == 0)
        {
            return new Result(service, null, null);
        }

        if (options.PublicExposure == PublicExposure.LoadBalancer)
        {
            return new Result(service, Service(desired, meta, KubernetesNames.PublicService(key), ns, "LoadBalancer", exposed), null);
        }

        var ingress = new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = Metadata(meta, name, ns),
            Spec = new V1IngressSpec
            {
                IngressClassName = options.IngressClassName,
                Rules = [.. exposed.Select(p => new V1IngressRule
                {
                    Host = $"{name}-{p.Port.ToString(CultureInfo.InvariantCulture)}.{options.IngressDomain}",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = name, Port = new V1ServiceBackendPort { Number = p.Port } },
                                },
                            },
                        ],
                    },
                })],
            },
        };
        return new Result(service, null, ingress);
    }

    public static string PortName(PortSpec port)
        => port.Name is { Length: > 0 and <= 15 } name ? name : "p-" + port.Port.ToString(CultureInfo.InvariantCulture);

    private static V1Service Service(DesiredWorkspace desired, WorkspaceMetadata meta, string name, string ns, string type, IReadOnlyList<PortSpec> ports) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(meta, name, ns),
        Spec = new V1ServiceSpec
        {
            Type = type,
            Selector = meta.Selector(),
            Ports = ports.Count == 0
                ? null
                : [.. ports.Select(p => new V1ServicePort { Name = PortName(p), Port = p.Port, TargetPort = p.Port, Protocol = "TCP" })],
        },
    };

    private static V1ObjectMeta Metadata(WorkspaceMetadata meta, string name, string ns) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = meta.Labels(),
        Annotations = meta.Annotations(),
    };
}
