using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// MIG profile names: <c>3g.40gb</c> uses 3 of the GPU's compute slices. A name may carry a suffix
/// (<c>1g.10gb+me</c>, media extensions) and nvidia-smi prefixes it with <c>MIG </c>.
/// </summary>
public static partial class MigProfileName
{
    /// <summary>Compute slices of a full GPU when no profile table says otherwise (A100, H100, H200).</summary>
    public const int DefaultSlices = 7;

    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        return trimmed.StartsWith("MIG ", StringComparison.OrdinalIgnoreCase) ? trimmed[4..].Trim() : trimmed;
    }

    /// <summary>The compute slices of a profile name, or null when the name is not <c>&lt;n&gt;g.&lt;size&gt;</c>.</summary>
    public static int? Slices(string name)
    {
        var match = Pattern().Match(Normalize(name));
        return match.Success && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 64
            ? n
            : null;
    }

    [GeneratedRegex(@"^(?<n>[0-9]{1,2})g\.[0-9]+gb", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
