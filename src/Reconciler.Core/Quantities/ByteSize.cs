using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Core.Quantities;

/// <summary>
/// Sizes as written in workspace.yaml and Docker flags: <c>512Mi</c>, <c>32Gi</c>, <c>2G</c>, <c>100M</c>, <c>1024</c>.
/// Binary suffixes (Ki, Mi, Gi, Ti) are powers of 1024, decimal ones (K, M, G, T) powers of 1000, as in Kubernetes.
/// Docker style lowercase (<c>512m</c>, <c>2g</c>, <c>1gb</c>) is read as binary, as <c>docker run --memory</c> does.
/// </summary>
public static partial class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        decimal multiplier = match.Groups["u"].Value switch
        {
            "" or "b" or "B" => 1m,
            "Ki" or "k" or "kb" or "KB" or "KiB" => 1024m,
            "Mi" or "m" or "mb" or "MB" or "MiB" => 1024m * 1024,
            "Gi" or "g" or "gb" or "GB" or "GiB" => 1024m * 1024 * 1024,
            "Ti" or "t" or "tb" or "TB" or "TiB" => 1024m * 1024 * 1024 * 1024,
            "K" => 1000m,
            "M" => 1000m * 1000,
            "G" => 1000m * 1000 * 1000,
            "T" => 1000m * 1000 * 1000 * 1000,
            _ => -1m,
        };
        if (multiplier < 0)
        {
            return false;
        }

        var value = number * multiplier;
        if (value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)decimal.Round(value);
        return true;
    }

    public static string Format(long bytes)
    {
        string[] units = ["", "Ki", "Mi", "Gi", "Ti"];
        var unit = 0;
        decimal value = bytes;
        while (unit < units.Length - 1 && value >= 1024 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(CultureInfo.InvariantCulture) + units[unit];
    }

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)\s*(?<u>[A-Za-z]*)$")]
    private static partial Regex Pattern();
}
