using Reconciler.Core.Lifecycle;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

public sealed class OverrideExpiryTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("18:00", null, "2026-03-09T10:00:00Z")] // 12:00 Shanghai now → 18:00 today
    [InlineData("09:00", null, "2026-03-10T01:00:00Z")] // passed today → tomorrow
    [InlineData(null, "2h", "2026-03-09T06:00:00Z")]
    [InlineData("2026-03-09T20:00:00+08:00", null, "2026-03-09T12:00:00Z")]
    [InlineData(null, null, null)]
    public void Resolves_until_and_for(string? until, string? forText, string? expected)
    {
        Assert.True(OverrideExpiry.TryResolve(until, forText, Shanghai, At("2026-03-09T04:00:00Z"), out var expiry, out var error), error);
        Assert.Equal(expected is null ? null : At(expected), expiry);
    }

    [Theory]
    [InlineData("18:00", "2h", "either until or for")]
    [InlineData("6pm", null, "neither HH:MM")]
    [InlineData(null, "soon", "not a duration")]
    [InlineData(null, "60d", "more than 30d away")]
    [InlineData("2026-03-01T00:00:00Z", null, "in the past")]
    public void Refuses_bad_expiries_with_a_reason(string? until, string? forText, string message)
    {
        Assert.False(OverrideExpiry.TryResolve(until, forText, Shanghai, At("2026-03-09T04:00:00Z"), out var expiry, out var error));
        Assert.Null(expiry);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wall_clock_time_skipped_by_daylight_saving_moves_to_the_end_of_the_gap()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        // 2026-03-29 02:30 does not exist in Berlin (02:00 CET → 03:00 CEST): the first valid minute is 03:00 CEST = 01:00Z.
        Assert.Equal(At("2026-03-29T01:00:00Z"), OverrideExpiry.NextWallClock(new TimeOnly(2, 30), berlin, At("2026-03-28T23:00:00Z")));
    }
}
