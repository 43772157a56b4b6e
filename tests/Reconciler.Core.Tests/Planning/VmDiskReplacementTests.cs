using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Workspaces;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Planning;

/// <summary>A VM recreate that changes the base image says the disk will be replaced, and needs prune.volumes to go ahead.</summary>
public sealed class VmDiskReplacementTests
{
    private const string Repository = "github.com/acme/vms";

    [Fact]
    public void A_changed_base_image_blocks_the_recreate_and_says_the_disk_would_be_replaced()
    {
        var action = Assert.Single(Planner.Plan([DesiredVms.For(Repository, image: "ubuntu-26.04.qcow2")], [Observed(DesiredVms.For(Repository))]).Actions);

        Assert.Equal(PlanActionKind.Blocked, action.Kind);
        Assert.Contains(action.Reasons, r => r.StartsWith("the VM disk would be replaced: base image 'blank.qcow2' → 'ubuntu-26.04.qcow2'", StringComparison.Ordinal));
        Assert.Contains("the existing VM is left as it is", action.Reasons);
    }

    [Fact]
    public void With_prune_volumes_the_recreate_goes_ahead_and_says_so()
    {
        var action = Assert.Single(Planner.Plan([DesiredVms.For(Repository, image: "ubuntu-26.04.qcow2")], [Observed(DesiredVms.For(Repository))], pruneVolumes: true).Actions);

        Assert.Equal(PlanActionKind.Recreate, action.Kind);
        Assert.Contains(action.Reasons, r => r.StartsWith("the VM disk will be replaced", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_changes_of_a_VM_and_image_changes_of_a_container_recreate_as_before()
    {
        var memory = Assert.Single(Planner.Plan([DesiredVms.For(Repository, memory: 128L << 20)], [Observed(DesiredVms.For(Repository))]).Actions);
        var container = DesiredVms.For(Repository) with { Spec = new WorkspaceSpec { Name = "main" } };
        var image = Assert.Single(Planner.Plan([container.WithField("image", "busybox:2") with { Image = "busybox:2" }], [Observed(container)]).Actions);

        Assert.Equal(PlanActionKind.Recreate, memory.Kind);
        Assert.DoesNotContain(memory.Reasons, r => r.Contains("disk", StringComparison.Ordinal));
        Assert.Equal(PlanActionKind.Recreate, image.Kind);
    }

    private static WorkspaceObservation Observed(DesiredWorkspace desired)
        => new("id-1", WorkspaceNames.Base(desired.Key), desired.Key, desired.SpecHash, ObservedState.Running, desired.Commit, DateTimeOffset.UnixEpoch, desired.Fields);
}
