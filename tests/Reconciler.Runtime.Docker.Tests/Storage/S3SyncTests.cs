using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests.Storage;

/// <summary>
/// s3 volumes against a real S3-compatible server (s3rver on 127.0.0.1, through the AWSSDK.S3 adapter): the bucket
/// prefix is copied into the volume at create, and with <c>sync: two-way</c> new and changed files go back on stop;
/// a read-only volume is mounted read-only and never uploaded.
/// </summary>
public sealed class S3SyncTests : IAsyncLifetime
{
    private const string Bucket = "datasets";

    private S3rverProcess _s3 = null!;
    private RuntimeTestContext _t = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverProcess.StartAsync(Bucket);
        _t = new RuntimeTestContext(o => o.ObjectStores = new Dictionary<string, IObjectStore> { ["local-s3"] = _s3.Store });
        await _t.InitializeAsync();
        await _s3.PutAsync(Bucket, "team/a.txt", "alpha");
        await _s3.PutAsync(Bucket, "team/sub/b.txt", "beta");
        await _s3.PutAsync(Bucket, "team/sub/", "");
        await _s3.PutAsync(Bucket, "other/c.txt", "not ours");
    }

    public async Task DisposeAsync()
    {
        await _t.DisposeAsync();
        _s3.Dispose();
    }

    private static StorageSpec Volume(bool readOnly) => new("data", StorageType.S3, "/data", ReadOnly: readOnly)
    {
        Endpoint = "local-s3",
        Bucket = Bucket,
        Prefix = "team/",
        Sync = StorageSync.TwoWay,
    };

    [Fact]
    public async Task The_prefix_is_copied_in_at_create_and_new_and_changed_files_go_back_on_stop()
    {
        var desired = _t.Desired().WithStorage(Volume(readOnly: false));
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var container = _t.ContainerName();

        Assert.Equal("alpha", Exec(container, "cat /data/a.txt"));
        Assert.Equal("beta", Exec(container, "cat /data/sub/b.txt"));
        Assert.Equal("a.txt sub", Exec(container, "ls /data | tr '\\n' ' '"));

        RuntimeTestContext.Exec(container, "printf changed > /data/a.txt && mkdir -p /data/new && printf fresh > /data/new/n.txt && rm /data/sub/b.txt");
        var unchangedBefore = (await _s3.ListAsync(Bucket)).Single(o => o.Key == "other/c.txt");
        var stopped = await _t.ApplyAsync(PlanActionKind.Stop, desired, await _t.ObserveOneAsync());
        Assert.True(stopped.Outcome == ApplyOutcome.Succeeded, stopped.Message);

        Assert.Equal("changed", await _s3.GetAsync(Bucket, "team/a.txt"));
        Assert.Equal("fresh", await _s3.GetAsync(Bucket, "team/new/n.txt"));
        // Deleting a file in the workspace never deletes the object: a workspace cannot empty a shared prefix.
        Assert.Equal("beta", await _s3.GetAsync(Bucket, "team/sub/b.txt"));
        Assert.Equal(unchangedBefore, (await _s3.ListAsync(Bucket)).Single(o => o.Key == "other/c.txt"));
    }

    [Fact]
    public async Task A_read_only_volume_is_filled_mounted_read_only_and_never_uploaded()
    {
        var desired = _t.Desired().WithStorage(Volume(readOnly: true));
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var container = _t.ContainerName();

        Assert.Equal("alpha", Exec(container, "cat /data/a.txt"));
        Assert.Equal("read-only", Exec(container, "touch /data/x 2>/dev/null && echo written || echo read-only"));
        var before = await _s3.ListAsync(Bucket);

        var stopped = await _t.ApplyAsync(PlanActionKind.Stop, desired, await _t.ObserveOneAsync());

        Assert.True(stopped.Outcome == ApplyOutcome.Succeeded, stopped.Message);
        Assert.Equal(before, await _s3.ListAsync(Bucket));
    }

    private static string Exec(string container, string command) => RuntimeTestContext.Exec(container, command).Trim();

    [Fact]
    public async Task An_unknown_endpoint_fails_the_create_by_name()
    {
        var result = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired().WithStorage(Volume(readOnly: false) with { Endpoint = "elsewhere" }));

        Assert.Equal("S3EndpointMissing", result.Reason);
        Assert.Contains("names s3 endpoint 'elsewhere'", result.Message, StringComparison.Ordinal);
        // The volume created for it is dropped, so the next apply fills a new one instead of mounting an empty copy.
        Assert.DoesNotContain(await _t.VolumesAsync(), v => v.Name.EndsWith("-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fill_interrupted_half_way_is_not_taken_for_complete_and_the_next_create_fills_the_volume_again()
    {
        for (var i = 0; i < 150; i++)
        {
            await _s3.PutAsync(Bucket, $"team/many/{i:D3}.txt", $"object {i}");
        }

        var desired = _t.Desired().WithStorage(Volume(readOnly: false) with { Sync = StorageSync.Download });
        var volume = Core.Desired.WorkspaceNames.StorageVolume(desired.Key, "data");
        var helper = _t.ContainerName() + ".s3-data";

        // Interrupt the create while the helper container exists, i.e. while the objects are being downloaded: nothing
        // after that point runs, as when the worker is stopped (its passes are cancelled) or killed.
        using var interrupt = new CancellationTokenSource();
        var apply = _t.Runtime.ApplyAsync(
            new PlanAction(PlanActionKind.Create, desired.Key, desired, null, ["create"]), new ApplyContext(_t.Content, false), interrupt.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!apply.IsCompleted && DateTime.UtcNow < deadline && !(await _t.Client.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters { All = true })).Any(c => c.Names.Contains("/" + helper)))
        {
            await Task.Delay(10);
        }

        Assert.False(apply.IsCompleted, "the fill was still running when the helper container appeared");
        await interrupt.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
        var volumes = await _t.VolumesAsync();
        Assert.Contains(volumes, v => v.Name == volume);
        Assert.DoesNotContain(volumes, v => v.Name == volume + ".filled");

        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var container = _t.ContainerName();
        Assert.Equal("150", Exec(container, "ls /data/many | wc -l"));
        Assert.Equal("object 149", Exec(container, "cat /data/many/149.txt"));
        Assert.Equal("alpha", Exec(container, "cat /data/a.txt"));
        Assert.Contains(await _t.VolumesAsync(), v => v.Name == volume + ".filled");
    }
}
