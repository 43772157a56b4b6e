using Reconciler.Core.Lifecycle;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

public sealed class PowerStateDescriptionTests
{
    [Fact]
    public void A_running_scheduled_workspace_says_when_it_stops_in_its_zone()
    {
        var now = At("2026-03-02T09:48:00Z");

        Assert.Equal("running — stops at 21:00 CST, in 3h 12m", PowerStateDescription.Describe(PowerStateCalculator.Calculate(Shanghai, Inputs(), now), now));
    }

    [Fact]
    public void A_transition_on_another_day_shows_the_date_and_the_daylight_abbreviation()
    {
        var berlin = new LifecycleSpec(LifecyclePolicy.Scheduled, "Europe/Berlin", "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI");
        var now = At("2026-03-27T20:00:00Z");

        Assert.Equal("stopped — starts at Mon 2026-03-30 09:00 CEST, in 2d 11h", PowerStateDescription.Describe(PowerStateCalculator.Calculate(berlin, Inputs(), now), now));
    }

    [Fact]
    public void Deletion_and_no_transition_are_described()
    {
        var ephemeral = new LifecycleSpec(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(8));
        var now = At("2026-03-02T07:15:00Z");

        Assert.Equal("running — is deleted at 08:00 UTC, in 45m", PowerStateDescription.Describe(PowerStateCalculator.Calculate(ephemeral, Inputs(At("2026-03-02T00:00:00Z")), now), now));
        Assert.Equal("running", PowerStateDescription.Describe(PowerStateCalculator.Calculate(new LifecycleSpec(), Inputs(), now), now));
    }

    [Theory]
    [InlineData("Asia/Shanghai", "2026-07-01T00:00:00Z", "CST")]
    [InlineData("Europe/Berlin", "2026-01-15T00:00:00Z", "CET")]
    [InlineData("Europe/Berlin", "2026-07-01T00:00:00Z", "CEST")]
    [InlineData("America/New_York", "2026-01-15T00:00:00Z", "EST")]
    [InlineData("America/New_York", "2026-07-01T00:00:00Z", "EDT")]
    [InlineData("America/Sao_Paulo", "2026-07-01T00:00:00Z", "UTC-03:00")]
    [InlineData("Asia/Kathmandu", "2026-07-01T00:00:00Z", "UTC+05:45")]
    [InlineData("UTC", "2026-07-01T00:00:00Z", "UTC")]
    public void The_zone_label_is_the_abbreviation_or_else_the_offset(string zone, string at, string label)
    {
        Assert.Equal(label, PowerStateDescription.ZoneLabel(TimeZoneInfo.FindSystemTimeZoneById(zone), At(at)));
    }

    [Theory]
    [InlineData(0, "now")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m")]
    [InlineData(12 * 60 + 59, "12m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 12 * 60 + 30, "3h 12m")]
    [InlineData(86400, "1d")]
    [InlineData(2 * 86400 + 11 * 3600 + 59 * 60, "2d 11h")]
    public void Durations_are_humanised_to_two_units_truncated(int seconds, string text)
    {
        Assert.Equal(text, PowerStateDescription.Humanize(TimeSpan.FromSeconds(seconds)));
    }
}
