using Reconciler.Runtime.Docker.Snapshots;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>Snapshot tags sort by time as text, carry their base image, and never match published tags.</summary>
public sealed class SnapshotTagTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_newest_snapshot_of_the_same_base_is_chosen()
    {
        var older = SnapshotTag.For(Noon, "busybox:1");
        var newer = SnapshotTag.For(Noon.AddMilliseconds(1), "busybox:1");
        var otherBase = SnapshotTag.For(Noon.AddHours(1), "debian:12");

        Assert.Equal(newer, SnapshotTag.Newest([older, "v1", newer, otherBase, "latest"], "busybox:1"));
        Assert.Equal(otherBase, SnapshotTag.Newest([older, newer, otherBase], "debian:12"));
        Assert.Null(SnapshotTag.Newest([older, newer, "v1"], "alpine:3"));
    }

    [Fact]
    public void Tags_are_valid_docker_tags_in_utc_and_only_snapshot_tags_count_for_retention()
    {
        var tag = SnapshotTag.For(new DateTimeOffset(2026, 12, 7, 21, 30, 5, 250, TimeSpan.FromHours(8)), "busybox:1");

        Assert.Matches("^snap-20261207-133005-250-[0-9a-f]{8}$", tag);
        Assert.Equal([tag], SnapshotTag.NewestFirst([tag, "snap-release", "v1.0", "snap-"]));
    }
}
