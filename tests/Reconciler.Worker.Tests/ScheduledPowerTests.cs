using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A second-resolution schedule on the real engine, driven by Quartz alone (poll and resync an hour): the container
/// starts at each <c>start</c> fire and stops at each <c>stop</c> fire; a worker down across a stop boundary stops it
/// on restart, from the calendar. Window: seconds 0–14 and 30–44 of every minute run, 15–29 and 45–59 are stopped.
/// </summary>
public sealed class ScheduledPowerTests : IAsyncLifetime
{
    private const string Lifecycle = """{ policy: scheduled, timezone: Europe/Berlin, start: "0/30 * * * * ?", stop: "15/30 * * * * ?" }""";

    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task Quartz_boundaries_stop_and_start_the_container_and_a_restart_across_a_stop_boundary_stops_it()
    {
        var (work, identity) = _world.CreateRepository("sched");
        work.Write(Files.WorkspaceFile, Schedules.Workspace(Lifecycle)).Write(Files.DevcontainerFile, Files.Devcontainer("sched"));
        work.CommitAndPush("scheduled web");
        var config = $$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h }
            """;
        await _world.StartAsync(config);
        var within = TimeSpan.FromSeconds(40);
        await _world.EventuallyAsync(async () => await _world.InspectAsync(identity, "web") is not null, within, "the workspace is created");

        // Whatever the phase at creation, the next stop and the next start boundary are seen, each by its trigger. A
        // container created in the stopped phase may still be stopped just after the next start boundary (the pass that
        // starts it is on its way), so the stop is awaited only once it has run.
        await _world.EventuallyAsync(() => Schedules.RunningAsync(_world, identity, "web"), within, "the container runs (at creation or at a start boundary)");
        await _world.EventuallyAsync(() => Schedules.StoppedAsync(_world, identity, "web"), within, "a stop boundary stops the container");
        Assert.InRange(Second(DateTimeOffset.UtcNow), 15, 29.999);
        var id = (await _world.InspectAsync(identity, "web"))!.ID;
        await _world.EventuallyAsync(() => Schedules.RunningAsync(_world, identity, "web"), within, "a start boundary starts it again");
        Assert.InRange(Second(DateTimeOffset.UtcNow), 0, 14.999);
        Assert.Equal(id, (await _world.InspectAsync(identity, "web"))!.ID);
        var trigger = Assert.Single(Schedules.Triggers(_world), t => t.Key == new WorkspaceKey(identity, "web").ToString());
        Assert.Equal(15, Second(trigger.Value!.Value), 3);

        // Down while it runs, across the next stop boundary: the restart stops it from the calendar, before the next start.
        await _world.StopAsync();
        await WaitUntilSecondAsync(16);
        Assert.True(await Schedules.RunningAsync(_world, identity, "web"), "nothing stopped it while the worker was down");
        await _world.StartAsync(config);
        await _world.EventuallyAsync(() => Schedules.StoppedAsync(_world, identity, "web"), TimeSpan.FromSeconds(12), "the restarted worker stops it (the calendar says stopped)");
        Assert.InRange(Second(DateTimeOffset.UtcNow), 16, 29.999);

        // The events are written when the pass reports, a moment after the engine changed.
        bool Stopped(AuditEvent e) => e is { Action: "stop", Result: "succeeded", Actor: "reconciler" } && e.Message!.Contains("scheduled: outside the window", StringComparison.Ordinal);
        bool Started(AuditEvent e) => e is { Action: "start", Result: "succeeded" } && e.Message!.Contains("scheduled: inside the window", StringComparison.Ordinal);
        await _world.EventuallyAsync(
            async () => (await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None)) is var events
                        && events.Any(Stopped) && events.Any(Started),
            TimeSpan.FromSeconds(10),
            "the stop and the start are in the event log");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>Seconds into the current half minute (0–30).</summary>
    private static double Second(DateTimeOffset at) => (at.Second % 30) + (at.Millisecond / 1000.0);

    /// <summary>Waits until the clock is at <paramref name="second"/> of a half minute (the next one when it has passed).</summary>
    private static async Task WaitUntilSecondAsync(double second)
    {
        var now = DateTimeOffset.UtcNow;
        var wait = second - Second(now);
        await Task.Delay(TimeSpan.FromSeconds(wait < 0 ? wait + 30 : wait));
    }
}
