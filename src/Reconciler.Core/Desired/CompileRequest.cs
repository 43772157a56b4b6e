using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>
/// Everything the compiler needs for one workspace; read by <see cref="WorkspaceLoader"/>.
/// <see cref="DefaultWorkspaceFolder"/> is the folder used when devcontainer.json sets none; it must equal what
/// <c>${containerWorkspaceFolder}</c> resolved to (default: <c>/workspaces/&lt;last segment of the repository&gt;</c>).
/// </summary>
public sealed record CompileRequest(
    WorkspaceSpec Workspace,
    DevcontainerConfig Devcontainer,
    string DevcontainerPath,
    string Repository,
    string Commit,
    ResolvedBuild? Build = null,
    string? DockerfileText = null,
    string? DefaultWorkspaceFolder = null,
    Compose.ComposeProject? Compose = null);

public sealed record CompileResult(DesiredWorkspace? Desired, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Options that come from the worker configuration: the Docker host names, and the libvirt host names a
/// <c>deployment: vm</c> workspace may name (none: VMs are not available).
/// </summary>
public sealed record CompilerOptions(IReadOnlySet<string> KnownHosts)
{
    public IReadOnlySet<string> VmHosts { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The hosts of <see cref="KnownHosts"/> that are Kubernetes clusters (<c>k8s_pod</c>/<c>k8s_stateful</c> run only there).</summary>
    public IReadOnlySet<string> KubernetesHosts { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The <c>storage</c> entries of the worker configuration that <c>storage:</c> volumes may name (default: none).</summary>
    public StorageReferences Storage { get; init; } = StorageReferences.None;

    public static CompilerOptions Default { get; } = new(new HashSet<string>(StringComparer.Ordinal) { "default" });
}
