using Reconciler.Core.Devcontainers;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Requests;

/// <summary>
/// Turns <c>gpu:</c> of workspace.yaml and <c>hostRequirements.gpu</c> of devcontainer.json into one
/// <see cref="GpuRequest"/>. workspace.yaml wins when it names a mode; otherwise the devcontainer decides:
/// <c>true</c> → exclusive 1; <c>"optional"</c> → shared 1, optional (served when free, never pending);
/// <c>{cores, memory}</c> → exclusive 1 on a GPU with at least <c>memory</c>; cores are recorded only.
/// </summary>
public static class GpuRequestMapper
{
    public static GpuRequest From(GpuSpec spec) => spec.Mode == GpuMode.None
        ? GpuRequest.None
        : new GpuRequest(spec.Mode, spec.Count, spec.Model, spec.Profile, spec.MemoryBytes, spec.Replicas);

    public static GpuRequest From(GpuRequirement? requirement) => requirement switch
    {
        null => GpuRequest.None,
        { Required: false } => new GpuRequest(GpuMode.Shared, 1, Optional: true),
        _ => new GpuRequest(GpuMode.Exclusive, 1, MemoryBytes: requirement.MemoryBytes) { Cores = requirement.Cores },
    };

    public static GpuRequest From(GpuSpec spec, GpuRequirement? requirement)
        => spec.Mode != GpuMode.None ? From(spec) : From(requirement);
}
