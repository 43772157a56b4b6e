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
        if (spec.Deployment != DeploymentKind.DockerLocal)
        {
            reasons.Add($"deployment {WorkspaceVocabulary.ToYaml(spec.Deployment)}");
        }

        var host = spec.Host ?? "default";
        if (!options.KnownHosts.Contains(host))
        {
            reasons.Add($"host '{host}' is not configured (configured: {string.Join(", ", options.KnownHosts.Order(StringComparer.Ordinal))})");
        }

        if (config.RunOptions.Gpus is not null)
        {
            // --gpus would hand devices to the container behind the allocator's back (and double-assign them).
            reasons.Add("runArgs --gpus (request GPUs with gpu: in .daytona/workspace.yaml so that they are allocated)");
        }

        reasons.AddRange(spec.Storage.Where(s => s.Type != StorageType.Local).Select(s => $"storage type {WorkspaceVocabulary.ToYaml(s.Type)} ({s.Name})"));
        if (spec.Lifecycle.Policy != LifecyclePolicy.Persistent)
        {
            reasons.Add($"lifecycle policy {WorkspaceVocabulary.ToYaml(spec.Lifecycle.Policy)}");
        }
        else if (spec.Lifecycle.IdleTimeout is not null)
        {
            reasons.Add("lifecycle idleTimeout");
        }

        var access = spec.Access;
        foreach (var (enabled, name) in new[] { (access.Ssh, "ssh"), (access.Vnc, "vnc"), (access.Rdp, "rdp"), (access.Jumpserver, "jumpserver") })
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
