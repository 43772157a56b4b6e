using System.Globalization;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// Reads <c>nvidia-smi --query-gpu=… --format=csv</c>. Columns are found by name: from the header line
/// (<c>memory.total [MiB]</c> is read as <c>memory.total</c>), or, for <c>noheader</c> output, from the
/// field list the command was run with. Values may carry units (<c>81559 MiB</c>) or not (<c>nounits</c>).
/// Needs <c>index</c>, <c>uuid</c>, <c>name</c> and <c>memory.total</c>; reads <c>pci.bus_id</c>,
/// <c>mig.mode.current</c> and <c>mig.mode.pending</c> when present and ignores other columns.
/// </summary>
public static class QueryGpuCsvParser
{
    public const string DefaultSource = "nvidia-smi --query-gpu";

    /// <summary>The field list the worker queries with (the fixture's).</summary>
    public const string Fields = "index,uuid,name,pci.bus_id,memory.total,memory.used,mig.mode.current,mig.mode.pending,utilization.gpu,compute_mode,driver_version";

    private static readonly string[] Required = ["index", "uuid", "name", "memory.total"];

    /// <summary>Output with a header line (<c>--format=csv</c>).</summary>
    public static ParseResult<IReadOnlyList<GpuDevice>> Parse(string csv, string source = DefaultSource)
        => Parse(csv, null, source);

    /// <summary>Output without a header (<c>--format=csv,noheader</c>), run with <paramref name="fields"/>.</summary>
    public static ParseResult<IReadOnlyList<GpuDevice>> ParseNoHeader(string csv, string fields = Fields, string source = DefaultSource)
        => Parse(csv, fields, source);

    private static ParseResult<IReadOnlyList<GpuDevice>> Parse(string csv, string? fields, string source)
    {
        var diagnostics = new DiagnosticBag();
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var first = 0;
        if (fields is null)
        {
            while (first < lines.Length && lines[first].Trim().Length == 0)
            {
                first++;
            }

            fields = first < lines.Length ? lines[first++] : "";
        }

        var columns = fields.Split(',').Select(ColumnName).ToArray();
        var missing = Required.Where(r => !columns.Contains(r, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, $"the columns lack {string.Join(", ", missing)}", new SourceLocation(source, Math.Max(1, first), 1));
            return ParseResult<IReadOnlyList<GpuDevice>>.Failed(diagnostics.Items);
        }

        var devices = new List<GpuDevice>();
        for (var i = first; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            var at = new SourceLocation(source, i + 1, 1);
            if (cells.Length != columns.Length)
            {
                diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, $"{cells.Length} values for {columns.Length} columns", at);
                continue;
            }

            var row = columns.Zip(cells).GroupBy(p => p.First, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Second, StringComparer.Ordinal);
            if (Row(row, at, diagnostics) is { } device)
            {
                devices.Add(device);
            }
        }

        return new ParseResult<IReadOnlyList<GpuDevice>>(devices, diagnostics.Items);
    }

    private static GpuDevice? Row(Dictionary<string, string> row, SourceLocation at, DiagnosticBag diagnostics)
    {
        var memoryText = row["memory.total"];
        memoryText = memoryText.EndsWith(" MiB", StringComparison.Ordinal) ? memoryText[..^4] : memoryText;
        if (!int.TryParse(row["index"], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !long.TryParse(memoryText, NumberStyles.None, CultureInfo.InvariantCulture, out var memory)
            || Value(row["uuid"]) is not { } uuid
            || Value(row["name"]) is not { } name)
        {
            diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, "index, uuid, name or memory.total is not readable", at);
            return null;
        }

        return new GpuDevice(index, uuid, name, memory, Get(row, "pci.bus_id"), Mode(Get(row, "mig.mode.current")), Mode(Get(row, "mig.mode.pending")));
    }

    private static string ColumnName(string header)
    {
        var name = header.Trim();
        var unit = name.IndexOf(" [", StringComparison.Ordinal);
        return unit < 0 ? name : name[..unit];
    }

    private static string? Get(Dictionary<string, string> row, string column) => row.TryGetValue(column, out var value) ? Value(value) : null;

    private static string? Value(string text) => text is "" or "N/A" or "[N/A]" or "[Not Supported]" ? null : text;

    private static MigMode Mode(string? text) => text switch
    {
        "Enabled" => MigMode.Enabled,
        "Disabled" => MigMode.Disabled,
        _ => MigMode.NotSupported,
    };
}
