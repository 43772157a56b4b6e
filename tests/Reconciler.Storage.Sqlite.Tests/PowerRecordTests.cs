using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Ports;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>Lifecycle inputs kept by the worker: overrides (most recent ones), activity (the latest wins), expiry (the first wins), statuses.</summary>
public sealed class PowerRecordTests
{
    private static readonly WorkspaceKey Web = new("github.com/acme/ml", "web");
    private static readonly DateTimeOffset T0 = new(2026, 3, 9, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Overrides_activity_and_expiry_read_back_per_workspace()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var records = store.PowerRecords;

        await records.AddOverrideAsync(Web, new PowerOverride(PowerOverrideKind.Wake, null, "api:ci", T0), CancellationToken.None);
        await records.AddOverrideAsync(Web, new PowerOverride(PowerOverrideKind.Stop, T0.AddHours(2), "api:alice", T0.AddMinutes(5)), CancellationToken.None);
        await records.RecordActivityAsync(Web, T0.AddMinutes(10), CancellationToken.None);
        await records.RecordActivityAsync(Web, T0.AddMinutes(3), CancellationToken.None);
        await records.MarkExpiredAsync(Web, T0.AddHours(1), CancellationToken.None);
        await records.MarkExpiredAsync(Web, T0.AddHours(2), CancellationToken.None);
        await records.AddOverrideAsync(new WorkspaceKey("github.com/acme/other", "web"), new PowerOverride(PowerOverrideKind.Start, null, "x", T0), CancellationToken.None);

        var record = Assert.Single(await records.ListAsync(Web.Repository, CancellationToken.None)).Value;

        Assert.Equal(
            [new PowerOverride(PowerOverrideKind.Wake, null, "api:ci", T0), new PowerOverride(PowerOverrideKind.Stop, T0.AddHours(2), "api:alice", T0.AddMinutes(5))],
            record.Overrides);
        Assert.Equal(T0.AddMinutes(10), record.LastActivityAt);
        Assert.Equal(T0.AddHours(1), record.ExpiredAt);
    }

    [Fact]
    public async Task Only_the_most_recent_overrides_are_read()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        for (var i = 0; i < PowerRecordLimits.OverridesPerWorkspace + 5; i++)
        {
            await store.PowerRecords.AddOverrideAsync(Web, new PowerOverride(PowerOverrideKind.Wake, null, "api:ci", T0.AddMinutes(i)), CancellationToken.None);
        }

        var overrides = (await store.PowerRecords.ListAsync(Web.Repository, CancellationToken.None))[Web].Overrides;

        Assert.Equal(PowerRecordLimits.OverridesPerWorkspace, overrides.Count);
        Assert.Equal(T0.AddMinutes(5), overrides[0].RequestedAt);
        Assert.Equal(T0.AddMinutes(PowerRecordLimits.OverridesPerWorkspace + 4), overrides[^1].RequestedAt);
    }

    [Fact]
    public async Task Power_statuses_are_replaced_per_repository()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var status = new PowerStatus(Web, "scheduled", "running", "inside", "stopped", T0.AddHours(12), "Asia/Shanghai", T0);
        var other = status with { Key = Web with { Workspace = "db" } };

        await store.PowerRecords.SavePowerStatusesAsync(Web.Repository, [status, other], CancellationToken.None);
        await store.PowerRecords.SavePowerStatusesAsync(Web.Repository, [status], CancellationToken.None);

        Assert.Equal(status, Assert.Single(await store.PowerRecords.ListPowerStatusesAsync(null, CancellationToken.None)).Value);
        Assert.Equal("running — stops at 21:00 CST, in 11h", PowerStatusText.Describe(status, T0.AddHours(1)));
    }
}
