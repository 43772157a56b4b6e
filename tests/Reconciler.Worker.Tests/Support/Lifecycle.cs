using Reconciler.TestKit.Git;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// The add → change → remove story both trigger tests tell, with the trigger left to the caller
/// (<paramref name="afterPush"/> posts a webhook, or does nothing when polling alone must notice).
/// </summary>
internal static class Lifecycle
{
    public static async Task RunAsync(WorkerWorld world, WorkRepository work, string identity, Func<string, Task> afterPush, TimeSpan within)
    {
        // The initial commit has no workspace file: recorded once as stalled (not an error of the worker).
        // 1. A commit that adds a workspace → its container runs.
        work.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, Files.Devcontainer("one"));
        var first = work.CommitAndPush("add web");
        await afterPush(first);
        await world.EventuallyAsync(async () => (await world.InspectAsync(identity, "web"))?.State.Running == true, within, "the workspace runs after the first push");
        var created = (await world.InspectAsync(identity, "web"))!;
        Assert.Contains("GREETING=one", created.Config.Env);

        // 2. A change → the container is recreated (a new id) with the new spec.
        work.Write(Files.DevcontainerFile, Files.Devcontainer("two"));
        var second = work.CommitAndPush("change greeting");
        await afterPush(second);
        await world.EventuallyAsync(
            async () => await world.InspectAsync(identity, "web") is { State.Running: true } now && now.ID != created.ID && now.Config.Env.Contains("GREETING=two"),
            within,
            "the workspace is recreated after the change");

        // 3. A removal → the container is removed.
        File.Delete(Path.Combine(work.Path, Files.WorkspaceFile));
        work.Write(Files.WorkspaceFile, "version: 1\nworkspaces: []\n");
        var third = work.CommitAndPush("remove web");
        await afterPush(third);
        await world.EventuallyAsync(async () => await world.InspectAsync(identity, "web") is null, within, "the workspace is removed after the removal");

        // State: the last applied commit is the removal; events name the commit author and every action.
        await world.EventuallyAsync(async () => (await world.Store.GetRepositoryAsync(identity, CancellationToken.None))?.LastAppliedCommit == third, within, "state records the removal commit");
        var all = await world.Store.ListEventsAsync(new Core.State.AuditEventQuery(Repository: identity), CancellationToken.None);
        var events = all.Where(e => e.Workspace == "web").ToList();
        Assert.Equal(["create", "recreate", "remove"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(("Test <test@example.com>", "succeeded"), (e.Actor, e.Result)));
        Assert.Equal([first, second, third], events.Select(e => e.Commit));
        Assert.Null(await world.Store.GetWorkspaceStatusAsync(new Core.Desired.WorkspaceKey(identity, "web"), CancellationToken.None));
    }
}
