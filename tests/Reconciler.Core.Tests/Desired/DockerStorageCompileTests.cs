using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

/// <summary>On a Docker host nfs, ceph and s3 entries are named volumes like local ones; what they are made from is in the spec hash.</summary>
public sealed class DockerStorageCompileTests
{
    private static readonly StorageSpec Nfs = new("datasets", StorageType.Nfs, "/data", Server: "10.0.0.5", Path: "/exports/datasets", ReadOnly: true);

    private static readonly StorageSpec S3 = new("objects", StorageType.S3, "/objects") { Endpoint = "minio", Bucket = "datasets", Sync = StorageSync.TwoWay };

    [Fact]
    public void Nfs_ceph_and_s3_entries_are_named_volume_mounts_that_keep_read_only()
    {
        var spec = new WorkspaceSpec
        {
            Name = "dev",
            Storage = [Nfs, new StorageSpec("models", StorageType.Ceph, "/models", Server: "mon1", Path: "/m") { Credentials = "c" }, S3],
        };

        var desired = Compile.Workspace("dev", spec: spec);

        var mounts = desired.Container.Mounts.Where(m => m.Target != desired.Container.WorkspaceFolder).ToDictionary(m => m.Target);
        var key = new WorkspaceKey(Compile.Repository, "dev");
        Assert.Equal(new MountRequest(MountKind.Volume, WorkspaceNames.StorageVolume(key, "datasets"), "/data", ReadOnly: true), mounts["/data"]);
        Assert.Equal(WorkspaceNames.StorageVolume(key, "models"), mounts["/models"].Source);
        Assert.Equal(WorkspaceNames.StorageVolume(key, "objects"), mounts["/objects"].Source);
        Assert.Empty(desired.Unsupported);
    }

    [Fact]
    public void What_a_storage_volume_is_made_from_changes_the_hash_and_local_volumes_add_no_field()
    {
        var spec = new WorkspaceSpec { Name = "dev", Storage = [S3] };
        var hash = Compile.Workspace("dev", spec: spec).SpecHash;

        Assert.NotEqual(hash, Compile.Workspace("dev", spec: spec with { Storage = [S3 with { Bucket = "other" }] }).SpecHash);
        Assert.NotEqual(hash, Compile.Workspace("dev", spec: spec with { Storage = [S3 with { Sync = null }] }).SpecHash);
        Assert.DoesNotContain(
            Compile.Workspace("dev", spec: spec with { Storage = [new StorageSpec("home", StorageType.Local, "/home/dev")] }).Fields.Keys,
            k => k.StartsWith("storage.", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_local_storage_reaches_a_vm()
    {
        var spec = new WorkspaceSpec { Name = "vm", Deployment = DeploymentKind.Vm, Storage = [Nfs] };
        var options = new CompilerOptions(new HashSet<string>(StringComparer.Ordinal) { "default" }) { VmHosts = new HashSet<string>(StringComparer.Ordinal) { "default" } };

        var result = DesiredStateCompiler.Compile(new CompileRequest(spec, Compile.Config(), ".devcontainer/devcontainer.json", Compile.Repository, "c1"), options);

        Assert.Equal(["storage type nfs (datasets)"], result.Desired!.Unsupported);
    }
}
