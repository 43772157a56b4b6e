using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>gpu.reserveBeforeStart: a workspace stopped by its schedule keeps its GPUs when its next start is near.</summary>
public sealed class GpuReservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 40, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<Core.Gpu.Inventory.GpuInventory> OneGpu = [Gpus.Host("default", 1)];

    private static DesiredWorkspace Wants(string name) => Compile.Workspace(name, spec: new WorkspaceSpec { Name = name, Gpu = new GpuSpec(GpuMode.Exclusive, 1) });

    /// <summary>Stopped now; the schedule starts it at <paramref name="startsAt"/>.</summary>
    private static DesiredWorkspace StoppedUntil(DesiredWorkspace workspace, DateTimeOffset startsAt) => workspace with
    {
        Power = PowerState.Stopped,
        PowerDecision = new PowerDecision(DesiredPower.Stopped, "scheduled: outside the window", new PowerTransition(startsAt, DesiredPower.Running, "window opens"), TimeZoneInfo.Utc),
    };

    [Theory]
    [InlineData(30, true)]  // starts in 20 min, window 30 min: reserved, b waits
    [InlineData(10, false)] // window 10 min: released, b takes the GPU
    [InlineData(0, false)]  // off (the default)
    public void A_stopped_holder_keeps_its_gpu_only_within_the_window_before_its_start(int windowMinutes, bool reserved)
    {
        var a = GpuPassAllocator.Allocate([Wants("a")], [], OneGpu).Workspaces[0];
        var stoppedContainer = new GpuHolder(a.Key, "c-a", a.Gpu!.Assignment!, Running: false);
        var desired = new List<DesiredWorkspace> { StoppedUntil(Wants("a"), Now.AddMinutes(20)), Wants("b") };

        var keys = GpuReservations.Of(desired, Now, TimeSpan.FromMinutes(windowMinutes));
        var result = GpuPassAllocator.Allocate(desired, [stoppedContainer], OneGpu, reserved: keys);

        Assert.Equal(reserved, keys.Contains(a.Key));
        var b = result.Workspaces.Single(w => w.Key.Workspace == "b");
        Assert.Equal(reserved, b.Gpu!.IsPending);
        if (!reserved)
        {
            Assert.Equal(a.Gpu.Assignment!.Gpus, b.Gpu.Assignment!.Gpus);
        }
    }

    [Fact]
    public void Only_stopped_gpu_workspaces_whose_next_transition_is_a_start_are_reserved()
    {
        var running = Wants("running");
        var noGpu = StoppedUntil(Compile.Workspace("plain"), Now.AddMinutes(5));
        var deleted = Wants("gone") with
        {
            Power = PowerState.Stopped,
            PowerDecision = new PowerDecision(DesiredPower.Deleted, "ttl expired", null, TimeZoneInfo.Utc),
        };
        var later = StoppedUntil(Wants("later"), Now.AddHours(3));
        var soon = StoppedUntil(Wants("soon"), Now.AddMinutes(5));

        var keys = GpuReservations.Of([running, noGpu, deleted, later, soon], Now, TimeSpan.FromMinutes(30));

        Assert.Equal([soon.Key], keys);
    }
}
