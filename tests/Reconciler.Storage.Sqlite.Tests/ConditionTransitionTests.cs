using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;
using static Reconciler.Core.State.WorkspaceConditionType;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class ConditionTransitionTests
{
    [Fact]
    public async Task Transition_time_changes_only_when_status_changes()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var key = Some.Key();
        var t0 = db.Clock.GetUtcNow();

        await store.SetConditionsAsync(key, [Some.Condition(Ready, false, "Creating", "pulling image", "c1")], CancellationToken.None);
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        var same = await store.SetConditionsAsync(key, [Some.Condition(Ready, false, "ImagePullFailed", "pull failed", "c2")], CancellationToken.None);

        var ready = Assert.Single(same);
        Assert.Equal(t0, ready.LastTransitionTime);
        Assert.Equal(("ImagePullFailed", "pull failed", "c2"), (ready.Reason, ready.Message, ready.ObservedCommit));

        db.Clock.Advance(TimeSpan.FromMinutes(5));
        var t2 = db.Clock.GetUtcNow();
        await store.SetConditionsAsync(key, [Some.Condition(Ready, true, "Running")], CancellationToken.None);
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        await store.SetConditionsAsync(key, [Some.Condition(Ready, true, "Running")], CancellationToken.None);

        var stored = (await store.GetWorkspaceStatusAsync(key, CancellationToken.None))!.Condition(Ready)!;
        Assert.True(stored.Status);
        Assert.Equal(t2, stored.LastTransitionTime);
    }

    [Fact]
    public async Task Conditions_merge_by_type_and_untouched_types_are_kept()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var key = Some.Key();
        var t0 = db.Clock.GetUtcNow();
        await store.SetConditionsAsync(key, [Some.Condition(Ready, true, "Running"), Some.Condition(PolicyViolated, false, "Compliant")], CancellationToken.None);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var t1 = db.Clock.GetUtcNow();

        var merged = await store.SetConditionsAsync(key, [Some.Condition(Reconciling, true, "Progressing", "recreating")], CancellationToken.None);

        Assert.Equal([Ready, Reconciling, PolicyViolated], merged.Select(c => c.Type));
        Assert.Equal([t0, t1, t0], merged.Select(c => c.LastTransitionTime));
        Assert.Equal(merged, (await store.GetWorkspaceStatusAsync(key, CancellationToken.None))!.Conditions);
    }

    [Theory]
    [InlineData("image pull failed")]
    [InlineData("imagePullFailed")]
    [InlineData("")]
    [InlineData("Image-Pull")]
    public async Task A_reason_that_is_not_one_CamelCase_word_is_refused_and_nothing_is_written(string reason)
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.SetConditionsAsync(Some.Key(), [Some.Condition(Ready, true), Some.Condition(Failed, true, reason)], CancellationToken.None));

        Assert.Contains("CamelCase", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetWorkspaceStatusAsync(Some.Key(), CancellationToken.None));
    }

    [Fact]
    public async Task The_same_type_twice_in_one_update_is_refused()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.SetConditionsAsync(Some.Key(), [Some.Condition(Ready, true), Some.Condition(Ready, false)], CancellationToken.None));

        Assert.Contains("reported twice", error.Message, StringComparison.Ordinal);
    }
}
