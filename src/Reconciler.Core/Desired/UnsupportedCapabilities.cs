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
        if (vm && !options.VmHosts.Contains(host))
        {
            reasons.Add(options.VmHosts.Count == 0
                ? "deployment vm (no libvirt host is configured: add runtimes.libvirt to the worker configuration, see docs/vm.md)"
                : $"deployment vm on host '{host}', which is not a libvirt host (name one with host: {string.Join(", ", options.VmHosts.Order(StringComparer.Ordinal))})");
        }
        else if (!vm && spec.Deployment != DeploymentKind.DockerLocal)
        {
            reasons.Add($"deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)}");
        }

        if (!vm && !options.KnownHosts.Contains(host))
        {
            reasons.Add($"host '{host}' is not configured (configured: {string.Join(", ", options.KnownHosts.Order(StringComparer.Ordinal))})");
        }

        if (config.RunOptions.Gpus is not null)
        {
            // --gpus would hand devices to the container behind the allocator's back (and double-assign them).
            reasons.Add("runArgs --gpus (request GPUs with gpu: in .daytona/workspace.yaml so that they are allocated)");
        }

        reasons.AddRange(spec.Storage.Where(s => s.Type != StorageType.Local).Select(s => $"storage type {WorkspaceVocabulary.ToYaml(s.Type)} ({s.Name})"));
        var access = spec.Access;
        // A VM serves VNC itself (libvirt graphics, docs/vm.md); a container has no VNC server of ours.
        foreach (var (enabled, name) in new[] { (access.Ssh, "ssh"), (access.Vnc && !vm, "vnc"), (access.Rdp, "rdp"), (access.Jumpserver, "jumpserver") })
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
