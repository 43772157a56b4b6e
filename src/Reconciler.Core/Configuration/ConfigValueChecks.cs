using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Configuration;

/// <summary>The checks the section readers of the worker configuration share: located errors and positive durations.</summary>
internal static class ConfigValueChecks
{
    /// <summary>A positive duration (<c>30s</c>, <c>3m</c>, <c>1h</c>); <paramref name="fallback"/> when absent or (with an error) invalid.</summary>
    public static TimeSpan Duration(LocatedDocument document, List<Diagnostic> diagnostics, JToken? token, string pointer, TimeSpan fallback)
    {
        if (token is null)
        {
            return fallback;
        }

        if (!DurationText.TryParse((string?)token, out var duration) || duration <= TimeSpan.Zero)
        {
            Error(document, diagnostics, pointer, $"'{YamlMessages.Shorten((string?)token ?? "")}' must be a positive duration such as 30s, 3m or 1h");
            return fallback;
        }

        return duration;
    }

    public static void Error(LocatedDocument document, List<Diagnostic> diagnostics, string pointer, string message)
        => diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"{JsonPointer.ToDisplayPath(pointer)}: {message}", document.Map.ValueLocation(pointer), pointer));
}
