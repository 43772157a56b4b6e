using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class ObserveTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Observe_returns_the_workspace_with_its_fields_and_changes_nothing()
    {
        var desired = _t.Desired().WithField("resources.cpu", "2");
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var mutationsBefore = _t.Runtime.MutatingCalls;
        Assert.True(mutationsBefore > 0);

        var recorder = await DockerEventRecorder.StartAsync(_t.Repository, [DockerNames.RepositoryHash(_t.Repository)]);
        await using (recorder)
        {
            var mine = await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None);
            var all = await _t.Runtime.ObserveAsync(null, CancellationToken.None);
            var events = await recorder.StopAsync();

            Assert.Empty(events);
            Assert.Equal(mutationsBefore, _t.Runtime.MutatingCalls);
            var observed = Assert.Single(mine);
            Assert.Contains(all, o => o.Id == observed.Id);
            Assert.Equal(desired.Key, observed.Key);
            Assert.Equal(_t.ContainerName(), observed.Name);
            Assert.Equal(ObservedState.Running, observed.State);
            Assert.Equal(desired.SpecHash, observed.SpecHash);
            Assert.Equal(desired.Commit, observed.Commit);
            Assert.Equal(desired.Fields, observed.Fields);
        }
    }

    [Fact]
    public async Task The_event_recorder_sees_mutations_of_the_repository()
    {
        var recorder = await DockerEventRecorder.StartAsync(_t.Repository, [DockerNames.RepositoryHash(_t.Repository)]);
        await using (recorder)
        {
            var created = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired());
            var events = await recorder.StopAsync();

            Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
            Assert.Contains(events, e => e.Type == "volume" && e.Action == "create" && e.Actor.ID == _t.WorkspaceVolume());
            Assert.Contains(events, e => e.Type == "container" && e.Action == "start");
        }
    }

    [Fact]
    public async Task Observe_tolerates_a_missing_or_unreadable_spec_label()
    {
        await LocalImages.EnsureBusyboxAsync();
        var labels = $"--label {OwnershipLabels.ManagedBy}={OwnershipLabels.ManagedByValue} --label {OwnershipLabels.Repository}={_t.Repository}";
        var bad = LocalImages.Run("docker", $"create {labels} --label {OwnershipLabels.Workspace}=bad --label {OwnershipLabels.Spec}=not-json {LocalImages.Busybox} sleep 1");
        var missing = LocalImages.Run("docker", $"create {labels} --label {OwnershipLabels.Workspace}=missing {LocalImages.Busybox} sleep 1");
        Assert.True(bad.ExitCode == 0 && missing.ExitCode == 0, bad.Output + missing.Output);

        var observed = await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None);

        Assert.Equal(["bad", "missing"], observed.Select(o => o.Key.Workspace));
        Assert.All(observed, o => Assert.Null(o.Fields));
        Assert.All(observed, o => Assert.Equal(ObservedState.Stopped, o.State));
    }
}
