using System.Globalization;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Docker;

/// <summary>
/// The <c>dev.reconciler.gpu</c> label: the assignment in one line, so the allocator can observe what
/// running containers hold without any database. Format (version 1), fields separated by <c>;</c>:
/// <c>v1;mode=mig;profile=3g.40gb;gpus=GPU-…/9/MIG-…,GPU-…</c>, plus <c>memory=&lt;bytes&gt;</c> and
/// <c>replicas=&lt;n&gt;</c> for shared. A MIG entry is <c>device/instance-id/instance-uuid</c> with empty
/// parts where unknown. The host is not stored: the runtime knows which endpoint it observed.
/// </summary>
public static class GpuLabels
{
    public const string Key = "dev.reconciler.gpu";

    private const string Version = "v1";

    public static string Format(GpuAssignment assignment)
    {
        var parts = new List<string> { Version, "mode=" + WorkspaceVocabulary.ToYaml(assignment.Mode) };
        if (assignment.Profile is not null)
        {
            parts.Add("profile=" + assignment.Profile);
        }

        if (assignment.MemoryBytes is { } memory)
        {
            parts.Add("memory=" + memory.ToString(CultureInfo.InvariantCulture));
        }

        if (assignment.Replicas is { } replicas)
        {
            parts.Add("replicas=" + replicas.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add("gpus=" + string.Join(",", assignment.Gpus.Select(g => g.MigInstanceId is null && g.MigInstanceUuid is null
            ? (assignment.Mode == GpuMode.Mig ? g.DeviceUuid + "//" : g.DeviceUuid)
            : $"{g.DeviceUuid}/{g.MigInstanceId?.ToString(CultureInfo.InvariantCulture)}/{g.MigInstanceUuid}")));
        return string.Join(";", parts);
    }

    /// <summary>Reads the label back; null when it is absent or not a label this version wrote.</summary>
    public static GpuAssignment? Read(IReadOnlyDictionary<string, string> labels, string workspace, string host)
    {
        if (!labels.TryGetValue(Key, out var text) || text.Split(';') is not [Version, .. var fields])
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var eq = field.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !values.TryAdd(field[..eq], field[(eq + 1)..]))
            {
                return null;
            }
        }

        if (!values.TryGetValue("mode", out var modeText) || !WorkspaceVocabulary.TryParse<GpuMode>(modeText, out var mode)
            || !values.TryGetValue("gpus", out var gpusText) || gpusText.Length == 0)
        {
            return null;
        }

        var gpus = new List<AssignedGpu>();
        foreach (var entry in gpusText.Split(','))
        {
            if (Gpu(entry, mode) is not { } gpu)
            {
                return null;
            }

            gpus.Add(gpu);
        }

        long? memory = null;
        int? replicas = null;
        if ((values.TryGetValue("memory", out var m) && !TryLong(m, out memory)) || (values.TryGetValue("replicas", out var r) && !TryInt(r, out replicas)))
        {
            return null;
        }

        return new GpuAssignment(workspace, host, mode, gpus, values.GetValueOrDefault("profile"), memory, replicas);
    }

    private static AssignedGpu? Gpu(string entry, GpuMode mode)
    {
        var parts = entry.Split('/');
        if (parts[0].Length == 0 || parts.Length is not (1 or 3) || (parts.Length == 3) != (mode == GpuMode.Mig))
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return new AssignedGpu(parts[0]);
        }

        int? id = null;
        if (parts[1].Length > 0 && !TryInt(parts[1], out id))
        {
            return null;
        }

        return new AssignedGpu(parts[0], parts[2].Length == 0 ? null : parts[2], id);
    }

    private static bool TryLong(string text, out long? value)
    {
        var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n);
        value = ok ? n : null;
        return ok;
    }

    private static bool TryInt(string text, out int? value)
    {
        var ok = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n);
        value = ok ? n : null;
        return ok;
    }
}
