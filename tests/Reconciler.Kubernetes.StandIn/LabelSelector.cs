using System.Text.Json.Nodes;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>Equality-based label selectors (<c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>), comma-separated: all must hold.</summary>
public static class LabelSelector
{
    public static bool Matches(string? selector, JsonObject item)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        var labels = item["metadata"]?["labels"] as JsonObject;
        string? Label(string key) => labels?[key]?.GetValue<string>();
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = raw switch
            {
                _ when raw.Contains("!=", StringComparison.Ordinal) => Label(raw[..raw.IndexOf("!=", StringComparison.Ordinal)]) != raw[(raw.IndexOf("!=", StringComparison.Ordinal) + 2)..],
                _ when raw.Contains("==", StringComparison.Ordinal) => Label(raw[..raw.IndexOf("==", StringComparison.Ordinal)]) == raw[(raw.IndexOf("==", StringComparison.Ordinal) + 2)..],
                _ when raw.Contains('=', StringComparison.Ordinal) => Label(raw[..raw.IndexOf('=', StringComparison.Ordinal)]) == raw[(raw.IndexOf('=', StringComparison.Ordinal) + 1)..],
                _ when raw.StartsWith('!') => Label(raw[1..]) is null,
                _ => Label(raw) is not null,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
