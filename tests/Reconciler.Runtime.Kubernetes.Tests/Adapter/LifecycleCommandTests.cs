using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Workspaces;
using Reconciler.Kubernetes.StandIn;
using Reconciler.Runtime.Kubernetes.Lifecycle;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>
/// postCreateCommand once per claim generation and postStartCommand on every start, run through the exec API
/// (KubernetesClient's WebSocket channel protocol, answered by the stand-in) once the Pod is ready; marks on the Pod and
/// the claim keep a later pass from running them again; a failure is a result, not a crash.
/// </summary>
public sealed class LifecycleCommandTests
{
    private static readonly string[] PostCreateArgv = ["/bin/sh", "-c", "make setup"];
    private static readonly string[] PostStartArgv = ["sh", "-c", "echo started"];

    [Fact]
    public async Task Commands_run_through_exec_only_once_the_pod_is_ready_and_once_per_pod()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = WithCommands(StandInCluster.Workspace("cmds", DeploymentKind.K8sStateful));
        await cluster.PassAsync([desired]);

        var none = Assert.Single(await SettleAsync(cluster, desired));
        Assert.Equal("NoPod", none.Reason);
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.WaitingStatus("ContainerCreating", ""));
        Assert.Equal("ContainerCreating", Assert.Single(await SettleAsync(cluster, desired)).Reason);
        Assert.Empty(cluster.Api.Execs);

        var podPath = WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        var ready = Assert.Single(await SettleAsync(cluster, desired));

        Assert.True(ready.Ready, ready.Message);
        Assert.Null(ready.Lifecycle);
        Assert.Equal([PostCreateArgv, PostStartArgv], cluster.Api.Execs.Select(e => e.Command.ToArray()));
        Assert.All(cluster.Api.Execs, e => Assert.Equal("workspace", e.Container));
        var annotations = cluster.Api.Get(podPath)!["metadata"]!["annotations"]!;
        Assert.Equal("Succeeded", annotations[PodLifecycle.PostCreateAnnotation]!.GetValue<string>());
        Assert.Equal("Succeeded", annotations[PodLifecycle.PostStartAnnotation]!.GetValue<string>());
        var claim = cluster.Api.Get($"/api/v1/namespaces/rc-tests/persistentvolumeclaims/{WorkloadPods.ClaimName(cluster.Api, desired.Key.Workspace)}")!;
        Assert.Equal(claim["metadata"]!["uid"]!.GetValue<string>(), claim["metadata"]!["annotations"]![PodLifecycle.PostCreateAnnotation]!.GetValue<string>());

        // A later pass: the marks say it is done; one Pod list, nothing else.
        cluster.Api.ClearRequests();
        Assert.True(Assert.Single(await SettleAsync(cluster, desired)).Ready);
        Assert.Equal(2, cluster.Api.Execs.Count);
        Assert.Equal(["/api/v1/pods"], cluster.Api.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_restart_runs_post_start_again_and_a_new_claim_runs_post_create_again()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = WithCommands(StandInCluster.Workspace("restart", DeploymentKind.K8sStateful));
        await cluster.PassAsync([desired]);
        var podPath = WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        await SettleAsync(cluster, desired);
        Assert.Equal(2, cluster.Api.Execs.Count);

        // Stop (replicas 0: the controller deletes the Pod, the claim stays), then start: a new Pod on the same claim.
        await cluster.PassAsync([desired with { Power = PowerState.Stopped }]);
        cluster.Api.Delete(podPath);
        await cluster.PassAsync([desired]);
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        Assert.True(Assert.Single(await SettleAsync(cluster, desired)).Ready);
        Assert.Equal([PostCreateArgv, PostStartArgv, PostStartArgv], cluster.Api.Execs.Select(e => e.Command.ToArray()));

        // A new claim generation (the claim deleted and made again): postCreate runs again.
        cluster.Api.Delete(podPath);
        cluster.Api.Delete($"/api/v1/namespaces/rc-tests/persistentvolumeclaims/{WorkloadPods.ClaimName(cluster.Api, desired.Key.Workspace)}");
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        await SettleAsync(cluster, desired);
        Assert.Equal([PostCreateArgv, PostStartArgv, PostStartArgv, PostCreateArgv, PostStartArgv], cluster.Api.Execs.Select(e => e.Command.ToArray()));
    }

    [Fact]
    public async Task A_k8s_pod_workspace_runs_both_commands_in_every_new_pod()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = WithCommands(StandInCluster.Workspace("ephemeral"));
        await cluster.PassAsync([desired]);
        var podPath = WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        await SettleAsync(cluster, desired);
        await SettleAsync(cluster, desired);
        cluster.Api.Delete(podPath);
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        await SettleAsync(cluster, desired);

        Assert.Equal([PostCreateArgv, PostStartArgv, PostCreateArgv, PostStartArgv], cluster.Api.Execs.Select(e => e.Command.ToArray()));
    }

    [Fact]
    public async Task A_failing_command_is_a_lifecycle_failure_reported_on_every_pass_and_not_rerun_in_that_pod()
    {
        await using var cluster = await StandInCluster.StartAsync();
        cluster.Api.OnExec(e => e.Command.Contains("make setup") ? new ExecReply(3, "compiling\n", "make: *** [setup] Error 3\n") : new ExecReply(0));
        var desired = WithCommands(StandInCluster.Workspace("broken"));
        await cluster.PassAsync([desired]);
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());

        var failed = Assert.Single(await SettleAsync(cluster, desired));
        var again = Assert.Single(await SettleAsync(cluster, desired));

        Assert.False(failed.Ready);
        Assert.Equal("LifecycleCommandFailed", failed.Reason);
        Assert.Equal("LifecycleCommandFailed", failed.Lifecycle!.Reason);
        Assert.Contains("postCreateCommand failed", failed.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 3", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Error 3", failed.Message, StringComparison.Ordinal);
        Assert.Equal(failed, again);
        Assert.Equal([PostCreateArgv], cluster.Api.Execs.Select(e => e.Command.ToArray()));
    }

    [Fact]
    public async Task A_follower_reads_readiness_but_runs_nothing()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = WithCommands(StandInCluster.Workspace("follower"));
        await cluster.PassAsync([desired]);
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());
        cluster.Api.ClearRequests();

        var settled = Assert.Single(await cluster.Runtime.SettleAsync(StandInCluster.Repository, [desired], mayChange: false, CancellationToken.None));

        Assert.True(settled.Ready);
        Assert.Empty(cluster.Api.Execs);
        Assert.Equal(0, cluster.Api.WriteCount);
    }

    [Fact]
    public async Task A_parallel_command_runs_each_entry()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var parallel = new LifecycleCommand(LifecycleCommandForm.Parallel, Parallel: new Dictionary<string, LifecycleCommand>
        {
            ["b-deps"] = LifecycleCommand.FromShell("pip install -r requirements.txt"),
            ["a-db"] = LifecycleCommand.FromExec(["./migrate", "--up"]),
        });
        var desired = StandInCluster.Workspace("parallel") with { Commands = new LifecycleCommands(PostCreate: parallel) };
        await cluster.PassAsync([desired]);
        WorkloadPods.Seed(cluster.Api, desired.Key.Workspace, WorkloadPods.ReadyStatus());

        Assert.True(Assert.Single(await SettleAsync(cluster, desired)).Ready);
        Assert.Equal([["./migrate", "--up"], ["/bin/sh", "-c", "pip install -r requirements.txt"]], cluster.Api.Execs.Select(e => e.Command.ToArray()));
    }

    private static DesiredWorkspace WithCommands(DesiredWorkspace desired)
        => desired with { Commands = new LifecycleCommands(PostCreate: LifecycleCommand.FromShell("make setup"), PostStart: LifecycleCommand.FromExec(PostStartArgv)) };

    private static Task<IReadOnlyList<Core.Ports.WorkspaceSettlement>> SettleAsync(StandInCluster cluster, DesiredWorkspace desired)
        => cluster.Runtime.SettleAsync(StandInCluster.Repository, [desired], mayChange: true, CancellationToken.None);
}
