using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// Reads what an inventory command printed into one host's inventory. The output is one of: <c>nvidia-smi -q -x</c>
/// (starts with <c>&lt;?xml</c> or <c>&lt;nvidia_smi_log</c>), <c>--query-gpu=… --format=csv</c> (with the header,
/// or without it when run with <see cref="QueryGpuCsvParser.Fields"/>), or sections, each opened by a marker line
/// <c>### reconciler: devices</c>, <c>### reconciler: mig -lgip</c> or <c>### reconciler: mig -lgi</c> (what the
/// Docker probe prints, see <see cref="ProbeScript"/>). The device list must read; a MIG table that does not (MIG
/// not supported, no permission) leaves the GPUs without MIG data and is reported as a warning.
/// </summary>
public static class NvidiaSmiOutput
{
    public const string Marker = "### reconciler: ";
    public const string DevicesSection = "devices";
    public const string ProfilesSection = "mig -lgip";
    public const string InstancesSection = "mig -lgi";

    /// <summary>The shell script the Docker probe runs: every section of one host in one output.</summary>
    public const string ProbeScript =
        "echo '" + Marker + DevicesSection + "'; nvidia-smi -q -x || exit 3; "
        + "echo '" + Marker + ProfilesSection + "'; nvidia-smi mig -lgip 2>&1; "
        + "echo '" + Marker + InstancesSection + "'; nvidia-smi mig -lgi 2>&1; exit 0";

    public static ParseResult<GpuInventory> Parse(string host, string output, string source)
    {
        var sections = Split(output);
        var diagnostics = new List<Diagnostic>();
        var devicesText = sections.TryGetValue(DevicesSection, out var found) ? found : (Text: "", Line: 0);
        var devices = Devices(devicesText.Text, source);
        diagnostics.AddRange(Shift(devices.Diagnostics, devicesText.Line));
        if (!devices.Succeeded)
        {
            if (!diagnostics.Any(d => d.IsError))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.GpuInventoryInvalid, "no GPU could be read from the output", SourceLocation.StartOf(source)));
            }

            return ParseResult<GpuInventory>.Failed(diagnostics);
        }

        IReadOnlyList<MigRow<MigProfile>>? profiles = null;
        IReadOnlyList<MigRow<MigInstance>>? instances = null;
        if (sections.TryGetValue(ProfilesSection, out var lgip))
        {
            profiles = Optional(MigTableParser.ParseProfiles(lgip.Text, source), lgip.Line, diagnostics);
        }

        if (sections.TryGetValue(InstancesSection, out var lgi))
        {
            instances = Optional(MigTableParser.ParseInstances(lgi.Text, source), lgi.Line, diagnostics);
        }

        return new ParseResult<GpuInventory>(GpuInventoryComposer.Compose(host, devices.Value!, profiles, instances), diagnostics);
    }

    private static ParseResult<IReadOnlyList<GpuDevice>> Devices(string text, string source)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("<?xml", StringComparison.Ordinal) || trimmed.StartsWith("<nvidia_smi_log", StringComparison.Ordinal)
            || trimmed.StartsWith("<!DOCTYPE", StringComparison.Ordinal))
        {
            return NvidiaSmiXmlParser.Parse(text, source);
        }

        return trimmed.StartsWith("index", StringComparison.Ordinal)
            ? QueryGpuCsvParser.Parse(text, source)
            : QueryGpuCsvParser.ParseNoHeader(text, QueryGpuCsvParser.Fields, source);
    }

    /// <summary>A MIG table that does not read is a warning: the GPUs are still usable whole.</summary>
    private static IReadOnlyList<MigRow<T>>? Optional<T>(ParseResult<IReadOnlyList<MigRow<T>>> parsed, int line, List<Diagnostic> diagnostics)
    {
        if (parsed.Succeeded)
        {
            return parsed.Value;
        }

        diagnostics.AddRange(Shift(parsed.Diagnostics, line).Select(d => d with { Severity = DiagnosticSeverity.Warning }));
        return null;
    }

    /// <summary>Sections by name with the line (0-based) the section's text starts after; no marker: all is devices.</summary>
    private static Dictionary<string, (string Text, int Line)> Split(string output)
    {
        var sections = new Dictionary<string, (string Text, int Line)>(StringComparer.Ordinal);
        var lines = output.Split('\n');
        string? current = null;
        var start = 0;
        var body = new List<string>();
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i].TrimEnd('\r') : null;
            if (line is null || line.StartsWith(Marker, StringComparison.Ordinal))
            {
                if (current is not null || body.Count > 0)
                {
                    sections.TryAdd(current ?? DevicesSection, (string.Join('\n', body), start));
                }

                current = line?[Marker.Length..].Trim();
                start = i + 1;
                body.Clear();
                continue;
            }

            body.Add(line);
        }

        return sections;
    }

    private static IEnumerable<Diagnostic> Shift(IEnumerable<Diagnostic> diagnostics, int lines)
        => lines == 0 ? diagnostics : diagnostics.Select(d => d.Location is { } at && at.Line > 0 ? d with { Location = at with { Line = at.Line + lines } } : d);
}
