using Reconciler.Core.Desired;
using Reconciler.Core.State;

namespace Reconciler.Storage.Sqlite.Tests.Support;

/// <summary>
/// The child process of the crash tests: two workers write in a loop until the process is killed.
/// Each iteration merges all five condition types with the same message in one transaction, then appends
/// an event; the event id is printed only after its commit returned, so every printed id must survive.
/// </summary>
internal static class CrashWriter
{
    public const string Command = "crash-writer";

    public const string Ready = "ready";

    public static readonly WorkspaceKey[] Keys = [new("github.com/acme/crash", "a"), new("github.com/acme/crash", "b")];

    public static async Task<int> RunAsync(string databasePath)
    {
        using var store = await SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = databasePath }, TimeProvider.System, CancellationToken.None);
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var gate = new object();
        lock (gate)
        {
            output.WriteLine(Ready);
        }

        await Task.WhenAll(Keys.Select(key => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var message = $"{key.Workspace}-{i}";
                ConditionUpdate[] conditions = [.. Enum.GetValues<WorkspaceConditionType>().Select(t => new ConditionUpdate(t, i % 2 == 0, "Iteration", message, "c0ffee"))];
                await store.SetConditionsAsync(key, conditions, CancellationToken.None);
                var written = await store.AppendEventAsync(NewAuditEvent.For(key, "c0ffee", "crash-writer", "write", "succeeded", message), CancellationToken.None);
                lock (gate)
                {
                    output.WriteLine($"event {written.Id} {message}");
                }
            }
        })));
        return 0;
    }
}
