using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Quantities;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// The <c>lifecycle</c> checks the schema cannot make (docs/lifecycle.md): cron expressions Quartz accepts, a known
/// time zone, keys that fit the policy, a complete schedule, and durations within <see cref="LifecycleLimits"/>.
/// Cron errors carry Quartz's own message. A key inherited from <c>defaults:</c> is reported where it was written.
/// </summary>
internal sealed class LifecycleRules(SourceMap map, DiagnosticBag diagnostics)
{
    public void Check(LifecycleSpec lifecycle, JObject? written, string pointer)
    {
        if (written is null)
        {
            return;
        }

        var policy = WorkspaceVocabulary.ToYaml(lifecycle.Policy);
        var zone = TimeZoneInfo.Utc;
        if (lifecycle.Timezone is { } id && !LifecycleCalendar.TryFindZone(id, out zone))
        {
            var suggestion = id.Length <= 64 ? DidYouMean.Suggest(id, TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)) : null;
            Value(DiagnosticCodes.UnknownTimeZone, pointer, "timezone",
                $"unknown time zone {MessageText.Quote(id)}; " + (suggestion is null ? "use an IANA name such as Asia/Shanghai or Europe/Berlin" : $"did you mean '{suggestion}'?"));
            zone = TimeZoneInfo.Utc;
        }

        foreach (var (key, text) in new[] { ("start", lifecycle.Start), ("stop", lifecycle.Stop) })
        {
            if (text is not null && !LifecycleCalendar.TryParseCron(text, zone, out _, out var error))
            {
                Value(DiagnosticCodes.InvalidCronExpression, pointer, key, $"not a valid Quartz cron expression: {MessageText.Escape(error, 300)}");
            }
        }

        CheckKeysFitPolicy(lifecycle, pointer, policy);
        CheckDuration(lifecycle.IdleTimeout, pointer, "idleTimeout", LifecycleLimits.MinIdleTimeout, LifecycleLimits.MaxIdleTimeout);
        CheckDuration(lifecycle.Ttl, pointer, "ttl", LifecycleLimits.MinTtl, LifecycleLimits.MaxTtl);
    }

    private void CheckKeysFitPolicy(LifecycleSpec lifecycle, string pointer, string policy)
    {
        var scheduled = lifecycle.Policy == LifecyclePolicy.Scheduled;
        var ephemeral = lifecycle.Policy == LifecyclePolicy.Ephemeral;
        if (scheduled && (lifecycle.Start is null || lifecycle.Stop is null))
        {
            var (missing, present) = (lifecycle.Start, lifecycle.Stop) switch
            {
                (null, null) => ("start", null),
                (null, _) => ("start", "stop"),
                _ => ("stop", "start"),
            };
            var message = present is null
                ? "policy scheduled needs a start and a stop cron expression, e.g. start: \"0 0 9 ? * MON-FRI\" and stop: \"0 0 21 ? * MON-FRI\""
                : $"'{present}' without '{missing}': a scheduled workspace needs both boundaries";
            Report(DiagnosticSeverity.Error, DiagnosticCodes.MissingRequired, JsonPointer.Append(pointer, missing), $"{JsonPointer.ToDisplayPath(pointer)}: {message}");
        }

        foreach (var (key, present) in new[] { ("start", lifecycle.Start is not null), ("stop", lifecycle.Stop is not null) })
        {
            if (present && !scheduled)
            {
                Key(DiagnosticSeverity.Error, pointer, key, $"only applies to policy scheduled, not {policy}; remove it or set policy: scheduled");
            }
        }

        if (lifecycle.Ttl is not null && !ephemeral)
        {
            Key(DiagnosticSeverity.Error, pointer, "ttl", $"only applies to policy ephemeral, not {policy}; use idleTimeout to stop an idle workspace");
        }

        if (lifecycle.KeepVolumes && !ephemeral)
        {
            Key(DiagnosticSeverity.Warning, pointer, "keepVolumes", $"only applies to policy ephemeral, not {policy}; it has no effect here");
        }

        if (ephemeral && lifecycle.Ttl is null)
        {
            Report(DiagnosticSeverity.Error, DiagnosticCodes.MissingRequired, JsonPointer.Append(pointer, "ttl"),
                $"{JsonPointer.ToDisplayPath(pointer)}: policy ephemeral needs a ttl (how long after creation it is deleted), e.g. ttl: 8h");
        }
    }

    private void CheckDuration(TimeSpan? value, string pointer, string key, TimeSpan min, TimeSpan max)
    {
        if (value is { } duration && (duration < min || duration > max))
        {
            Value(DiagnosticCodes.DurationOutOfRange, pointer, key,
                $"{DurationText.Format(duration)} is out of range; allowed: {DurationText.Format(min)} to {DurationText.Format(max)}");
        }
    }

    /// <summary>A problem with the value itself: located at the value.</summary>
    private void Value(string code, string pointer, string key, string message)
    {
        var at = JsonPointer.Append(pointer, key);
        diagnostics.Error(code, $"{JsonPointer.ToDisplayPath(at)}: {message}", map.ValueLocation(at), at);
    }

    /// <summary>A key that does not belong with the policy: located at the key.</summary>
    private void Key(DiagnosticSeverity severity, string pointer, string key, string message)
    {
        var at = JsonPointer.Append(pointer, key);
        Report(severity, DiagnosticCodes.LifecycleKeyNotApplicable, at, $"{JsonPointer.ToDisplayPath(at)}: {message}");
    }

    private void Report(DiagnosticSeverity severity, string code, string pointer, string message)
        => diagnostics.Add(new Diagnostic(severity, code, message, map.Locate(pointer), pointer));
}
