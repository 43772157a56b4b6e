using Reconciler.Core.Desired;
using Reconciler.Scheduling;

namespace Reconciler.Worker.Tests.Scheduling;

/// <summary>Which boundaries of a repository share a trigger (pure): distinct instants per epoch-aligned window.</summary>
public sealed class BoundaryGroupTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Boundaries_in_one_window_share_a_group_that_fires_at_the_first_and_keeps_every_distinct_instant()
    {
        var groups = BoundaryGroup.Of(Boundaries(("a", Nine.AddSeconds(20)), ("b", Nine.AddSeconds(5)), ("c", Nine.AddSeconds(5)), ("d", Nine.AddSeconds(61))), TimeSpan.FromMinutes(1));

        Assert.Equal(2, groups.Count);
        Assert.Equal(Nine.AddSeconds(5), groups[0].FireAt);
        Assert.Equal([Nine.AddSeconds(5), Nine.AddSeconds(20)], groups[0].Instants);
        Assert.Equal([Nine.AddSeconds(61)], groups[1].Instants);
        Assert.Equal(groups[0].Instants, BoundaryText.Instants(groups[0].Text));
        Assert.Contains(" b", groups[0].Text, StringComparison.Ordinal);
        Assert.Contains(" c", groups[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_window_groups_only_boundaries_at_the_same_instant()
    {
        var groups = BoundaryGroup.Of(Boundaries(("a", Nine), ("b", Nine), ("c", Nine.AddTicks(1))), TimeSpan.Zero);

        Assert.Equal(2, groups.Count);
        Assert.Equal([Nine], groups[0].Instants);
        Assert.Equal([Nine.AddTicks(1)], groups[1].Instants);
    }

    [Fact]
    public void Windows_are_aligned_so_a_change_in_one_leaves_the_other_groups_identical()
    {
        var before = BoundaryGroup.Of(Boundaries(("a", Nine.AddSeconds(10)), ("b", Nine.AddMinutes(5))), TimeSpan.FromMinutes(1));
        var after = BoundaryGroup.Of(Boundaries(("a", Nine.AddSeconds(40)), ("b", Nine.AddMinutes(5))), TimeSpan.FromMinutes(1));

        Assert.NotEqual(before[0].Text, after[0].Text);
        Assert.Equal(before[1].Text, after[1].Text);
    }

    [Fact]
    public void Data_without_boundaries_or_with_garbage_lines_yields_only_the_valid_instants()
    {
        Assert.Empty(BoundaryText.Instants(null));
        Assert.Equal([Nine], BoundaryText.Instants($"x web\n{Nine.UtcTicks} web\n-5 web\n{Nine.UtcTicks} other"));
    }

    private static Dictionary<WorkspaceKey, DateTimeOffset> Boundaries(params (string Workspace, DateTimeOffset At)[] boundaries)
        => boundaries.ToDictionary(b => new WorkspaceKey("git.example/team/repo", b.Workspace), b => b.At);
}
