using Reconciler.Core.Devcontainers;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>
/// Lists what a workspace asks for that no runtime implements yet. A workspace with any entry is never
/// half-applied: the planner blocks it and says why.
/// </summary>
internal static class UnsupportedCapabilities
{
    public static IReadOnlyList<string> Find(WorkspaceSpec spec, DevcontainerConfig config, CompilerOptions options)
    {
        var reasons = new List<string>();
        var host = spec.Host ?? "default";
        var kubernetes = spec.Deployment is DeploymentKind.K8sPod or DeploymentKind.K8sStateful;
        if (kubernetes && !options.KubernetesHosts.Contains(host))
        {
            reasons.Add($"deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)} needs a Kubernetes cluster: host '{host}' is not one "
                        + $"(clusters: {(options.KubernetesHosts.Count == 0 ? "none configured under runtimes.kubernetes" : string.Join(", ", options.KubernetesHosts.Order(StringComparer.Ordinal)))})");
        }
        else if (!kubernetes && spec.Deployment != DeploymentKind.DockerLocal)
        {
            reasons.Add($"deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)}");
        }
        else if (spec.Deployment == DeploymentKind.DockerLocal && options.KubernetesHosts.Contains(host))
        {
            reasons.Add($"deployment docker_local on host '{host}', which is a Kubernetes cluster");
        }

        if (!options.KnownHosts.Contains(host) && !options.KubernetesHosts.Contains(host))
        {
            reasons.Add($"host '{host}' is not configured (configured: {string.Join(", ", options.KnownHosts.Order(StringComparer.Ordinal))})");
        }

        // On Kubernetes the NVIDIA device plugin places GPUs (gpu: becomes resource limits); Docker needs the allocator.
        if (!kubernetes && (spec.Gpu.Mode != GpuMode.None || config.RunOptions.Gpus is not null || config.HostRequirements?.Gpu is { Required: true }))
        {
            reasons.Add("GPU assignment");
        }

        reasons.AddRange(spec.Storage
            .Where(s => s.Type != StorageType.Local && !(kubernetes && s.Type is StorageType.Pvc or StorageType.Nfs))
            .Select(s => $"storage type {WorkspaceVocabulary.ToYaml(s.Type)} ({s.Name})"));
        if (spec.Lifecycle.Policy != LifecyclePolicy.Persistent)
        {
            reasons.Add($"lifecycle policy {WorkspaceVocabulary.ToYaml(spec.Lifecycle.Policy)}");
        }
        else if (spec.Lifecycle.IdleTimeout is not null)
        {
            reasons.Add("lifecycle idleTimeout");
        }

        var access = spec.Access;
        foreach (var (enabled, name) in new[] { (access.Ssh, "ssh"), (access.Jupyter, "jupyter"), (access.Vnc, "vnc"), (access.Rdp, "rdp"), (access.Jumpserver, "jumpserver") })
        {
            if (enabled)
            {
                reasons.Add($"access.{name}");
            }
        }

        if (config.Features.Count > 0)
        {
            reasons.Add($"devcontainer features ({string.Join(", ", config.Features.Keys)})");
        }

        if (config.Compose is not null)
        {
            reasons.Add("Docker Compose workspaces (dockerComposeFile)");
        }

        if (config.RunOptions.EnvFiles.Count > 0)
        {
            reasons.Add("runArgs --env-file");
        }

        return reasons;
    }
}
