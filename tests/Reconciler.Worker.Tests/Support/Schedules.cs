using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Microsoft.Data.Sqlite;
using Reconciler.Core.Desired;

namespace Reconciler.Worker.Tests.Support;

/// <summary>Workspace files with a lifecycle, and what the worker's database and engine say about them.</summary>
internal static partial class Schedules
{
    public static string Workspace(string lifecycle, string name = "web") => $"""
        version: 1
        workspaces:
          - name: {name}
            lifecycle: {lifecycle}
        """;

    /// <summary>
    /// The lifecycle boundaries Quartz persisted in the worker's database: workspace key → boundary instant, read from
    /// each trigger's data (a trigger carries every boundary of its repository's group, one line per workspace).
    /// </summary>
    public static IReadOnlyDictionary<string, DateTimeOffset?> Triggers(WorkerWorld world)
    {
        using var connection = new SqliteConnection($"Data Source={world.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT j.DESCRIPTION, t.JOB_DATA FROM QRTZ_TRIGGERS t
            JOIN QRTZ_JOB_DETAILS j ON j.SCHED_NAME = t.SCHED_NAME AND j.JOB_NAME = t.JOB_NAME AND j.JOB_GROUP = t.JOB_GROUP
            WHERE t.TRIGGER_GROUP = 'reconciler-lifecycle';
            """;
        using var reader = command.ExecuteReader();
        var triggers = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        while (reader.Read())
        {
            // The data map is serialized by Quartz (its newlines may be escaped): match "ticks workspace" pairs in it.
            var data = reader.GetValue(1) switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => "",
            };
            foreach (Match boundary in BoundaryLine().Matches(data))
            {
                var at = new DateTimeOffset(long.Parse(boundary.Groups[1].Value, CultureInfo.InvariantCulture), TimeSpan.Zero);
                triggers[new WorkspaceKey(reader.GetString(0), boundary.Groups[2].Value).ToString()] = at;
            }
        }

        return triggers;
    }

    [GeneratedRegex("""(\d{17,19}) ([^\s"\\]+)""")]
    private static partial Regex BoundaryLine();

    public static async Task<IList<VolumeResponse>> VolumesAsync(WorkerWorld world, string identity, string workspace)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool>
            {
                [$"{OwnershipLabels.Repository}={identity}"] = true,
                [$"{OwnershipLabels.Workspace}={workspace}"] = true,
            },
        };
        return (await world.Docker.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? [];
    }

    public static async Task<bool> RunningAsync(WorkerWorld world, string identity, string workspace)
        => (await world.InspectAsync(identity, workspace))?.State.Running == true;

    public static async Task<bool> StoppedAsync(WorkerWorld world, string identity, string workspace)
        => await world.InspectAsync(identity, workspace) is { State.Running: false };
}
