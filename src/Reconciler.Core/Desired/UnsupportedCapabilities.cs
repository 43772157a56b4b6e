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
        var vm = spec.Deployment == DeploymentKind.Vm;
        var kubernetes = spec.Deployment is DeploymentKind.K8sPod or DeploymentKind.K8sStateful;
        if (vm && !options.VmHosts.Contains(host))
        {
            reasons.Add(options.VmHosts.Count == 0
                ? "deployment vm (no libvirt host is configured: add runtimes.libvirt to the worker configuration, see docs/vm.md)"
                : $"deployment vm on host '{host}', which is not a libvirt host (name one with host: {string.Join(", ", options.VmHosts.Order(StringComparer.Ordinal))})");
        }
        else if (kubernetes && !options.KubernetesHosts.Contains(host))
        {
            reasons.Add($"deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)} needs a Kubernetes cluster: host '{host}' is not one "
                        + $"(clusters: {(options.KubernetesHosts.Count == 0 ? "none configured under runtimes.kubernetes" : string.Join(", ", options.KubernetesHosts.Order(StringComparer.Ordinal)))})");
        }
        else if (!vm && !kubernetes && spec.Deployment != DeploymentKind.DockerLocal)
        {
            reasons.Add($"deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)}");
        }
        else if (spec.Deployment == DeploymentKind.DockerLocal && options.KubernetesHosts.Contains(host))
        {
            reasons.Add($"deployment docker_local on host '{host}', which is a Kubernetes cluster");
        }

        if (!vm && !kubernetes && !options.KnownHosts.Contains(host))
        {
            reasons.Add($"host '{host}' is not configured (configured: {string.Join(", ", options.KnownHosts.Order(StringComparer.Ordinal))})");
        }

        if (config.RunOptions.Gpus is not null)
        {
            // --gpus would hand devices to the container behind the allocator's back (and double-assign them).
            reasons.Add("runArgs --gpus (request GPUs with gpu: in .daytona/workspace.yaml so that they are allocated)");
        }

        // Docker: local, nfs and ceph volumes (local driver options) and s3 (synchronised); Kubernetes: local, pvc, nfs, ceph.
        // pvc off Kubernetes and s3 on it are located errors (StorageRules); a VM has its own disks only.
        reasons.AddRange(spec.Storage
            .Where(s => s.Type != StorageType.Local && (vm || (kubernetes && s.Type == StorageType.S3)))
            .Select(s => $"storage type {WorkspaceVocabulary.ToYaml(s.Type)} ({s.Name})"));
        var access = spec.Access;
        // Docker containers: sshd started by Reconciler, VNC/RDP ports and passwords, Jumpserver registration (docs/access.md). A VM serves VNC
        // itself (libvirt graphics, docs/vm.md) and forwards RDP to a Windows guest (docs/access.md). Kubernetes workspaces have none of these yet.
        var docker = spec.Deployment == DeploymentKind.DockerLocal;
        foreach (var (enabled, name) in new[] { (access.Ssh && !docker, "ssh"), (access.Vnc && !vm && !docker, "vnc"), (access.Rdp && !vm && !docker, "rdp"), (access.Jumpserver && !docker, "jumpserver") })
        {
            if (enabled)
            {
                reasons.Add($"access.{name}");
            }
        }

        if (spec.Persistence == WorkspacePersistence.Snapshot && !docker)
        {
            // Snapshots are image commits of a Docker container; a pod or a VM disk has no such operation here.
            reasons.Add($"persistence: snapshot on deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)} (docker_local only)");
        }

        // Features are installed by the Docker runtime's image step (docs/devcontainer.md); Kubernetes and VMs have none.
        if (config.Features.Count > 0 && spec.Deployment != DeploymentKind.DockerLocal)
        {
            reasons.Add($"devcontainer features ({string.Join(", ", config.Features.Keys)})");
        }

        if (config.Compose is not null && spec.Deployment != DeploymentKind.DockerLocal)
        {
            reasons.Add($"Docker Compose workspaces (dockerComposeFile) on deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)}: only docker_local runs them");
        }

        if (config.RunOptions.EnvFiles.Count > 0)
        {
            reasons.Add("runArgs --env-file");
        }

        return reasons;
    }
}
