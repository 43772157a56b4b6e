using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;
using static Reconciler.Core.State.WorkspaceConditionType;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>Migration 0005: the rebuilt condition table takes <c>Degraded</c>, keeps merging by type and still goes with its workspace.</summary>
public sealed class DegradedConditionTests
{
    [Fact]
    public async Task Degraded_is_stored_beside_Ready_and_deleted_with_the_workspace()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var key = Some.Key();

        await store.SetConditionsAsync(key, [Some.Condition(Ready, true, "Running")], CancellationToken.None);
        await store.SetConditionsAsync(key, [Some.Condition(Degraded, true, "JumpserverUnavailable", "connection refused", "c1")], CancellationToken.None);
        var both = (await store.GetWorkspaceStatusAsync(key, CancellationToken.None))!;
        Assert.Equal((true, true, "JumpserverUnavailable"), (both.Condition(Ready)!.Status, both.Condition(Degraded)!.Status, both.Condition(Degraded)!.Reason));

        await store.SetConditionsAsync(key, [Some.Condition(Degraded, false, "JumpserverRegistered")], CancellationToken.None);
        Assert.False((await store.GetWorkspaceStatusAsync(key, CancellationToken.None))!.Condition(Degraded)!.Status);

        Assert.True(await store.DeleteWorkspaceStatusAsync(key, CancellationToken.None));
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM workspace_conditions;"));
        Assert.Contains("'Degraded'", db.Scalar<string>("SELECT sql FROM sqlite_master WHERE name = 'workspace_conditions';"), StringComparison.Ordinal);
    }
}
