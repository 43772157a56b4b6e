using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>The lifecycle rules of the workspace file parser: located at the value or key, with a JSON pointer.</summary>
public sealed class LifecycleValidationTests
{
    private static string[] Scheduled(string start, string stop, string timezone = "Asia/Shanghai") =>
    [
        "version: 1",
        "workspaces:",
        "  - name: dev",
        "    lifecycle:",
        "      policy: scheduled",
        $"      timezone: {timezone}",
        $"      start: \"{start}\"",
        $"      stop: \"{stop}\"",
    ];

    [Fact]
    public void The_issue_example_is_valid()
    {
        var file = Workspace.Parse(Scheduled("0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI"));

        Assert.Equal(new LifecycleSpec(LifecyclePolicy.Scheduled, "Asia/Shanghai", "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI"), file.Workspaces[0].Lifecycle);
    }

    [Fact]
    public void An_invalid_cron_is_located_at_the_value_with_quartz_message()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidCronExpression, Scheduled("0 0 25 ? * MON-FRI", "0 0 21 ? * MON-FRI"));

        Yaml.AssertAt(error, 7, 14);
        Assert.Equal("/workspaces/0/lifecycle/start", error.JsonPointer);
        Assert.Equal("workspaces[0].lifecycle.start: not a valid Quartz cron expression: Hour values must be between 0 and 23", error.Message);
    }

    [Fact]
    public void A_five_field_unix_cron_is_rejected_with_quartz_advice()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidCronExpression, Scheduled("0 9 * * 1-5", "0 0 21 ? * MON-FRI"));

        Yaml.AssertAt(error, 7, 14);
        Assert.Contains("has 5 fields, which is the Unix/crontab form", error.Message);
    }

    [Fact]
    public void An_unknown_time_zone_is_located_at_the_value_and_suggests_the_nearest()
    {
        var error = Workspace.Error(DiagnosticCodes.UnknownTimeZone, Scheduled("0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI", "Asia/Shangai"));

        Yaml.AssertAt(error, 6, 17);
        Assert.Equal("/workspaces/0/lifecycle/timezone", error.JsonPointer);
        Assert.Equal("workspaces[0].lifecycle.timezone: unknown time zone \"Asia/Shangai\"; did you mean 'Asia/Shanghai'?", error.Message);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("Local")]
    [InlineData("Mars/Olympus_Mons")]
    public void Zone_ids_that_are_not_zones_are_unknown(string id)
    {
        var error = Workspace.Error(DiagnosticCodes.UnknownTimeZone, Scheduled("0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI", $"\"{id}\""));

        Yaml.AssertAt(error, 6, 17);
    }

    [Theory]
    [InlineData("start", "stop")]
    [InlineData("stop", "start")]
    public void A_boundary_without_the_other_is_missing_required(string present, string missing)
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired,
            "version: 1",
            "workspaces:",
            "  - name: dev",
            "    lifecycle:",
            "      policy: scheduled",
            $"      {present}: \"0 0 9 ? * MON-FRI\"");

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal($"/workspaces/0/lifecycle/{missing}", error.JsonPointer);
        Assert.Equal($"workspaces[0].lifecycle: '{present}' without '{missing}': a scheduled workspace needs both boundaries", error.Message);
    }

    [Fact]
    public void Scheduled_without_any_boundary_is_missing_required()
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired, "version: 1", "workspaces:", "  - name: dev", "    lifecycle: { policy: scheduled }");

        Yaml.AssertAt(error, 4, 5);
        Assert.Contains("policy scheduled needs a start and a stop", error.Message);
    }

    [Theory]
    [InlineData("persistent", "start")]
    [InlineData("on_demand", "stop")]
    [InlineData("ephemeral", "start")]
    public void Start_and_stop_on_another_policy_are_located_at_the_key(string policy, string key)
    {
        var lines = new List<string> { "version: 1", "workspaces:", "  - name: dev", "    lifecycle:", $"      policy: {policy}", $"      {key}: \"0 0 9 ? * MON-FRI\"" };
        if (policy == "ephemeral")
        {
            lines.Add("      ttl: 8h");
        }

        var error = Workspace.Error(DiagnosticCodes.LifecycleKeyNotApplicable, [.. lines]);

        Yaml.AssertAt(error, 6, 7);
        Assert.Equal($"/workspaces/0/lifecycle/{key}", error.JsonPointer);
        Assert.Equal($"workspaces[0].lifecycle.{key}: only applies to policy scheduled, not {policy}; remove it or set policy: scheduled", error.Message);
    }

    [Fact]
    public void Ttl_on_a_workspace_that_is_not_ephemeral_is_an_error()
    {
        var error = Workspace.Error(DiagnosticCodes.LifecycleKeyNotApplicable,
            "version: 1", "workspaces:", "  - name: dev", "    lifecycle:", "      policy: on_demand", "      ttl: 72h");

        Yaml.AssertAt(error, 6, 7);
        Assert.Equal("/workspaces/0/lifecycle/ttl", error.JsonPointer);
    }

    [Fact]
    public void Ephemeral_without_a_ttl_is_an_error()
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired, "version: 1", "workspaces:", "  - name: dev", "    lifecycle:", "      policy: ephemeral");

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("/workspaces/0/lifecycle/ttl", error.JsonPointer);
        Assert.Equal("workspaces[0].lifecycle: policy ephemeral needs a ttl (how long after creation it is deleted), e.g. ttl: 8h", error.Message);
    }

    [Fact]
    public void Ephemeral_with_a_ttl_and_keep_volumes_binds()
    {
        var file = Workspace.Parse("version: 1", "workspaces:", "  - name: dev", "    lifecycle: { policy: ephemeral, ttl: 8h, keepVolumes: true }");

        Assert.Equal(new LifecycleSpec(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(8), KeepVolumes: true), file.Workspaces[0].Lifecycle);
    }

    [Fact]
    public void Keep_volumes_on_another_policy_is_a_warning()
    {
        var result = WorkspaceFileParser.Parse(Yaml.Lines("version: 1", "workspaces:", "  - name: dev", "    lifecycle:", "      keepVolumes: true"), Yaml.File);

        Assert.True(result.Succeeded);
        var warning = Yaml.Single(result.Diagnostics, DiagnosticCodes.LifecycleKeyNotApplicable);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Yaml.AssertAt(warning, 5, 7);
    }

    [Theory]
    [InlineData("on_demand", "idleTimeout: 30s", 20, "30s is out of range; allowed: 1m to 30d")]
    [InlineData("on_demand", "idleTimeout: 31d", 20, "31d is out of range; allowed: 1m to 30d")]
    [InlineData("ephemeral", "ttl: 59s", 12, "59s is out of range; allowed: 1m to 365d")]
    [InlineData("ephemeral", "ttl: 366d", 12, "366d is out of range; allowed: 1m to 365d")]
    public void Durations_out_of_bounds_are_located_at_the_value(string policy, string line, int column, string message)
    {
        var error = Workspace.Error(DiagnosticCodes.DurationOutOfRange,
            "version: 1", "workspaces:", "  - name: dev", "    lifecycle:", $"      policy: {policy}", "      " + line);

        var key = line.Split(':')[0];
        Yaml.AssertAt(error, 6, column);
        Assert.Equal($"/workspaces/0/lifecycle/{key}", error.JsonPointer);
        Assert.Equal($"workspaces[0].lifecycle.{key}: {message}", error.Message);
    }

    [Fact]
    public void A_lifecycle_inherited_from_defaults_is_reported_where_it_was_written()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidCronExpression,
            "version: 1",
            "defaults:",
            "  lifecycle:",
            "    policy: scheduled",
            "    start: \"0 0 9 ? * NOPE\"",
            "    stop: \"0 0 21 ? * MON-FRI\"",
            "workspaces:",
            "  - name: dev");

        Yaml.AssertAt(error, 5, 12);
        Assert.Equal("/workspaces/0/lifecycle/start", error.JsonPointer);
    }
}
