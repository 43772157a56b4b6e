using Docker.DotNet.Models;
using Microsoft.Data.Sqlite;
using Reconciler.Core.Desired;

namespace Reconciler.Worker.Tests.Support;

/// <summary>Workspace files with a lifecycle, and what the worker's database and engine say about them.</summary>
internal static class Schedules
{
    public static string Workspace(string lifecycle, string name = "web") => $"""
        version: 1
        workspaces:
          - name: {name}
            lifecycle: {lifecycle}
        """;

    /// <summary>
    /// The lifecycle boundaries the scheduler persisted in the worker's database: workspace key → boundary instant, read
    /// from the rows that the shared window triggers wake (<c>lifecycle_boundaries</c>, one per workspace boundary).
    /// </summary>
    public static IReadOnlyDictionary<string, DateTimeOffset?> Triggers(WorkerWorld world)
    {
        using var connection = new SqliteConnection($"Data Source={world.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT repository, workspace, at_ticks FROM lifecycle_boundaries ORDER BY at_ticks;";
        using var reader = command.ExecuteReader();
        var triggers = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        while (reader.Read())
        {
            triggers[new WorkspaceKey(reader.GetString(0), reader.GetString(1)).ToString()] = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero);
        }

        return triggers;
    }

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
