using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Planning;

/// <summary>
/// A VM's disk is a copy-on-write overlay over its base image: a new base image means a new, empty disk. A recreate
/// that changes the base says so in the plan, and is blocked (the VM is left as it is) unless the pass prunes volumes
/// (<c>prune.volumes: true</c>, <c>--prune-volumes</c>), the explicit consent to lose workspace data. docs/vm.md.
/// </summary>
internal static class VmDiskReplacement
{
    public sealed record Verdict(bool Confirmed, IReadOnlyList<string> Reasons);

    /// <summary>Null when the workspace is not a VM or its base image did not change.</summary>
    public static Verdict? Check(DesiredWorkspace desired, WorkspaceObservation current, bool pruneVolumes)
    {
        if (desired.Deployment != DeploymentKind.Vm
            || current.Fields is null
            || !current.Fields.TryGetValue("image", out var before)
            || before == desired.Image)
        {
            return null;
        }

        return pruneVolumes
            ? new Verdict(true, [$"the VM disk will be replaced: base image '{before}' → '{desired.Image}'; its data is lost (prune.volumes)"])
            : new Verdict(false, [$"the VM disk would be replaced: base image '{before}' → '{desired.Image}' loses its data; set prune.volumes: true to confirm", "the existing VM is left as it is"]);
    }
}
