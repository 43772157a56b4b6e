using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Gpu.Inventory;

/// <summary>A row of a MIG table, with the index of the GPU it belongs to.</summary>
public sealed record MigRow<T>(int GpuIndex, T Value);

/// <summary>
/// Reads the box tables of <c>nvidia-smi mig -lgip</c> (GPU-instance profiles) and <c>nvidia-smi mig -lgi</c>
/// (existing GPU instances). A data row starts with the GPU index and <c>MIG &lt;profile&gt;</c>; the second
/// line of a two-line row and the borders are skipped. A row that starts like a data row but does not read
/// is a diagnostic at its line; so is text that is not such a table at all.
/// </summary>
public static partial class MigTableParser
{
    public static ParseResult<IReadOnlyList<MigRow<MigProfile>>> ParseProfiles(string text, string source = "nvidia-smi mig -lgip")
        => Parse(text, source, "GPU instance profiles:", ProfileRow(), m => new MigProfile(
            MigProfileName.Normalize(m.Groups["name"].Value),
            Int(m, "id"),
            Int(m, "free"),
            Int(m, "total"),
            (long)Math.Round(decimal.Parse(m.Groups["gib"].Value, CultureInfo.InvariantCulture) * 1024m, MidpointRounding.AwayFromZero),
            MigProfileName.Slices(m.Groups["name"].Value) ?? 0));

    public static ParseResult<IReadOnlyList<MigRow<MigInstance>>> ParseInstances(string text, string source = "nvidia-smi mig -lgi")
        => Parse(text, source, "GPU instances:", InstanceRow(), m => new MigInstance(
            MigProfileName.Normalize(m.Groups["name"].Value),
            Int(m, "id"),
            Int(m, "instance"),
            Int(m, "start"),
            Int(m, "size")));

    private static ParseResult<IReadOnlyList<MigRow<T>>> Parse<T>(string text, string source, string title, Regex row, Func<Match, T> read)
    {
        var diagnostics = new DiagnosticBag();
        var rows = new List<MigRow<T>>();
        var lines = text.Split('\n');
        var titled = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r', ' ');
            titled |= line.Contains(title, StringComparison.Ordinal);
            if (!DataRow().IsMatch(line))
            {
                continue;
            }

            var match = row.Match(line);
            if (!match.Success || !int.TryParse(match.Groups["gpu"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var gpu))
            {
                diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, $"unreadable row: {MessageText.Quote(line.Trim())}", new SourceLocation(source, i + 1, 1));
                continue;
            }

            rows.Add(new MigRow<T>(gpu, read(match)));
        }

        if (!titled && text.Trim().Length > 0 && !text.Contains("No ", StringComparison.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, $"not a MIG table: the title \"{title}\" is missing", SourceLocation.StartOf(source));
        }

        return new ParseResult<IReadOnlyList<MigRow<T>>>(rows, diagnostics.Items);
    }

    private static int Int(Match match, string group)
        => int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    [GeneratedRegex(@"^\|\s*[0-9]+\s+MIG\s")]
    private static partial Regex DataRow();

    [GeneratedRegex(@"^\|\s*(?<gpu>[0-9]{1,4})\s+MIG\s+(?<name>\S{1,40})\s+(?<id>[0-9]{1,4})\s+(?<free>[0-9]{1,3})/(?<total>[0-9]{1,3})\s+(?<gib>[0-9]{1,6}(\.[0-9]{1,3})?)\s+(Yes|No)\s.*\|$")]
    private static partial Regex ProfileRow();

    [GeneratedRegex(@"^\|\s*(?<gpu>[0-9]{1,4})\s+MIG\s+(?<name>\S{1,40})\s+(?<id>[0-9]{1,4})\s+(?<instance>[0-9]{1,4})\s+(?<start>[0-9]{1,2}):(?<size>[0-9]{1,2})\s*\|$")]
    private static partial Regex InstanceRow();
}
