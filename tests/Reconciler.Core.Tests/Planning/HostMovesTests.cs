using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Planning;

/// <summary>A workspace whose host: changed: its old object is removed where it is (data kept unless pruned), a new one created where it should run.</summary>
public sealed class HostMovesTests
{
    private const string Repository = "github.com/acme/moves";

    [Fact]
    public void A_container_moved_to_a_libvirt_host_is_removed_from_docker_and_created_as_a_vm()
    {
        var container = DesiredWorkspaces.For(Repository, "box", "busybox:1");
        var vm = OnHost(DesiredVms.For(Repository, "box"), "kvm");
        var hosts = Hosted((Observed(container, "c-1"), "default"));

        var plan = HostMoves.Plan([vm], hosts);

        Assert.Equal([PlanActionKind.Remove, PlanActionKind.Create], plan.Actions.Select(a => a.Kind));
        var remove = plan.Actions[0];
        Assert.Equal(("c-1", "default"), (remove.Observed!.Id, hosts.HostFor(remove)));
        Assert.Equal(["moved from host 'default' to 'kvm': removed from 'default'; its volumes and disks are kept there"], remove.Reasons);
        Assert.True(hosts.IsMoveRemoval(remove));
        Assert.Equal("kvm", hosts.HostFor(plan.Actions[1]));
        Assert.Null(plan.Actions[1].Observed);
    }

    [Fact]
    public void A_vm_moved_between_libvirt_hosts_is_not_blocked_as_a_disk_replacement_and_says_when_disks_are_pruned()
    {
        var before = OnHost(DesiredVms.For(Repository, "box"), "kvm-1");
        var after = OnHost(DesiredVms.For(Repository, "box", image: "other.qcow2"), "kvm-2");
        var hosts = Hosted((Observed(before, "uuid-1"), "kvm-1"));

        var plan = HostMoves.Plan([after], hosts, pruneVolumes: true);

        Assert.Equal([PlanActionKind.Remove, PlanActionKind.Create], plan.Actions.Select(a => a.Kind));
        Assert.Equal("kvm-1", hosts.HostFor(plan.Actions[0]));
        Assert.Contains("with its volumes and disks (prune.volumes)", plan.Actions[0].Reasons[0], StringComparison.Ordinal);
        Assert.Equal("kvm-2", hosts.HostFor(plan.Actions[1]));
    }

    [Fact]
    public void Without_a_move_the_plan_is_the_planners_and_a_blocked_workspace_keeps_its_old_object()
    {
        var vm = OnHost(DesiredVms.For(Repository, "box"), "kvm");
        var same = Hosted((Observed(vm, "uuid-1"), "kvm"));
        var blocked = OnHost(DesiredVms.For(Repository, "box"), "kvm-2") with { Unsupported = ["something"] };

        var steady = HostMoves.Plan([vm], same);
        var held = HostMoves.Plan([blocked], same);

        Assert.Equal(PlanActionKind.NoOp, Assert.Single(steady.Actions).Kind);
        var action = Assert.Single(held.Actions);
        Assert.Equal(PlanActionKind.Blocked, action.Kind);
        Assert.Contains("the existing object on host 'kvm' is left as it is", action.Reasons);
    }

    [Fact]
    public void Only_the_removal_of_a_moved_object_runs_first_as_a_move()
    {
        var stays = OnHost(DesiredVms.For(Repository, "a-new"), "kvm");
        var moves = OnHost(DesiredVms.For(Repository, "b-moved"), "kvm");
        var gone = DesiredWorkspaces.For(Repository, "c-gone", "busybox:1");
        var hosts = Hosted((Observed(DesiredWorkspaces.For(Repository, "b-moved", "busybox:1"), "c-1"), "default"), (Observed(gone, "c-2"), "default"));

        var plan = HostMoves.Plan([stays, moves], hosts);

        Assert.Equal(
            [("a-new", PlanActionKind.Create, false), ("b-moved", PlanActionKind.Remove, true), ("b-moved", PlanActionKind.Create, false), ("c-gone", PlanActionKind.Remove, false)],
            plan.Actions.Select(a => (a.Key.Workspace, a.Kind, hosts.IsMoveRemoval(a))));
        Assert.Equal(["kvm", "default", "kvm", "default"], plan.Actions.Select(hosts.HostFor));
    }

    private static DesiredWorkspace OnHost(DesiredWorkspace desired, string host)
        => desired with { Spec = desired.Spec with { Host = host } };

    private static WorkspaceObservation Observed(DesiredWorkspace desired, string id)
        => new(id, WorkspaceNames.Base(desired.Key), desired.Key, desired.SpecHash, ObservedState.Running, desired.Commit, DateTimeOffset.UnixEpoch, desired.Fields);

    private static HostedObservations Hosted(params (WorkspaceObservation Observed, string Host)[] objects)
        => new([.. objects.Select(o => o.Observed)], objects.ToDictionary(o => o.Observed.Id, o => o.Host));
}
