using System.Text.RegularExpressions;

namespace Reconciler.Core.State;

/// <summary>
/// Merging reported conditions into stored ones, shared by every <see cref="IStateStore"/> so that
/// SQLite and a later PostgreSQL store keep the same semantics.
/// </summary>
public static partial class WorkspaceConditions
{
    /// <summary>Longest reason accepted; reasons are identifiers, not sentences.</summary>
    public const int MaxReasonLength = 128;

    /// <summary>
    /// Merges by type: an update replaces the stored condition of its type; types not mentioned are kept.
    /// The transition time stays when the status is unchanged and becomes <paramref name="now"/> when it
    /// changes or the type is new. The result is ordered by type.
    /// </summary>
    public static IReadOnlyList<WorkspaceCondition> Merge(
        IReadOnlyList<WorkspaceCondition> existing,
        IReadOnlyList<ConditionUpdate> updates,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(updates);
        var merged = existing.ToDictionary(c => c.Type);
        var seen = new HashSet<WorkspaceConditionType>();
        foreach (var update in updates)
        {
            Validate(update);
            if (!seen.Add(update.Type))
            {
                throw new ArgumentException($"Condition type {update.Type} is reported twice in one update.", nameof(updates));
            }

            var transition = merged.TryGetValue(update.Type, out var previous) && previous.Status == update.Status
                ? previous.LastTransitionTime
                : now;
            merged[update.Type] = new WorkspaceCondition(
                update.Type,
                update.Status,
                update.Reason,
                SecretScrubber.Scrub(update.Message),
                update.ObservedCommit,
                transition);
        }

        return [.. merged.Values.OrderBy(c => c.Type)];
    }

    public static bool IsValidReason(string? reason)
        => reason is { Length: > 0 and <= MaxReasonLength } && ReasonPattern().IsMatch(reason);

    private static void Validate(ConditionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!Enum.IsDefined(update.Type))
        {
            throw new ArgumentException($"Unknown condition type {(int)update.Type}.", nameof(update));
        }

        if (!IsValidReason(update.Reason))
        {
            throw new ArgumentException(
                $"Condition reason '{update.Reason}' must be one CamelCase word (letters and digits, starting with a capital, at most {MaxReasonLength} characters).",
                nameof(update));
        }

        ArgumentNullException.ThrowIfNull(update.Message);
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();
}
