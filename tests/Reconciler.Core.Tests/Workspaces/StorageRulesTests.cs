using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary>The storage checks the schema cannot make (docs/storage.md): located errors with their own codes.</summary>
public sealed class StorageRulesTests
{
    private static readonly StorageReferences Configured = new(
        new HashSet<string>(StringComparer.Ordinal) { "ceph-data" },
        new HashSet<string>(StringComparer.Ordinal) { "minio" });

    private static ParseResult<WorkspaceFileSpec> Parse(params string[] volumeLines)
        => WorkspaceFileParser.Parse(
            Yaml.Lines(["version: 1", "workspaces:", "  - name: dev", "    storage:", .. volumeLines]), Yaml.File, Configured);

    private static ParseResult<WorkspaceFileSpec> ParseOn(string deployment, params string[] volumeLines)
        => WorkspaceFileParser.Parse(
            Yaml.Lines(["version: 1", "workspaces:", "  - name: dev", $"    deployment: {deployment}", "    storage:", .. volumeLines]), Yaml.File, Configured);

    [Fact]
    public void Every_type_binds_its_keys()
    {
        var result = Parse(
            "      - { name: nfs, type: nfs, mountPath: /n, server: 10.0.0.5, path: /exports/n, readOnly: true }",
            "      - { name: ceph, type: ceph, mountPath: /c, server: 'mon1:6789,mon2:6789', path: /volumes/c, credentials: ceph-data }",
            "      - { name: s3, type: s3, mountPath: /s, endpoint: minio, bucket: datasets, prefix: team-a/, sync: two-way }");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var storage = result.Value!.Workspaces[0].Storage;
        Assert.Equal(new StorageSpec("nfs", StorageType.Nfs, "/n", Server: "10.0.0.5", Path: "/exports/n", ReadOnly: true), storage[0]);
        Assert.Equal("ceph-data", storage[1].Credentials);
        Assert.Equal("mon1:6789,mon2:6789", storage[1].Server);
        Assert.Equal(("minio", "datasets", "team-a/", StorageSync.TwoWay), (storage[2].Endpoint, storage[2].Bucket, storage[2].Prefix, storage[2].Sync));
        Assert.True(storage[2].UploadsOnStop);
    }

    [Fact]
    public void A_read_only_two_way_s3_volume_never_uploads()
    {
        var result = Parse("      - { name: s3, type: s3, mountPath: /s, endpoint: minio, bucket: datasets, sync: two-way, readOnly: true }");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.False(result.Value!.Workspaces[0].Storage[0].UploadsOnStop);
    }

    [Fact]
    public void Nfs_without_server_or_path_is_located_at_the_entry()
    {
        var result = Parse("      - { name: data, type: nfs, mountPath: /data, path: /x }");

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.StorageSettingMissing);
        Yaml.AssertAt(error, 5, 9);
        Assert.Equal("/workspaces/0/storage/0/server", error.JsonPointer);
        Assert.Contains("an nfs volume needs 'server'", error.Message);
    }

    [Fact]
    public void S3_without_an_endpoint_is_an_error()
    {
        var result = Parse("      - { name: s3, type: s3, mountPath: /s, bucket: datasets }");

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.StorageSettingMissing);
        Assert.Equal("/workspaces/0/storage/0/endpoint", error.JsonPointer);
        Assert.Contains("an s3 volume needs 'endpoint'", error.Message);
    }

    [Fact]
    public void Ceph_on_docker_needs_credentials_and_on_kubernetes_a_storage_class_or_claim()
    {
        var docker = Parse("      - { name: c, type: ceph, mountPath: /c, server: mon1, path: /v }");
        Assert.Equal("/workspaces/0/storage/0/credentials", Yaml.Single(docker.Diagnostics, DiagnosticCodes.StorageSettingMissing).JsonPointer);

        var kubernetes = ParseOn("k8s_stateful", "      - { name: c, type: ceph, mountPath: /c }");
        Assert.Contains("'storageClass' (a CephFS CSI class) or 'claim'", Yaml.Single(kubernetes.Diagnostics, DiagnosticCodes.StorageSettingMissing).Message);

        Assert.True(ParseOn("k8s_stateful", "      - { name: c, type: ceph, mountPath: /c, storageClass: cephfs }").Succeeded);
    }

    [Fact]
    public void Pvc_on_a_docker_host_is_located_at_its_type()
    {
        var result = Parse(
            "      - name: data",
            "        type: pvc",
            "        mountPath: /data");

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.StorageTypeNotOnDeployment);
        Yaml.AssertAt(error, 6, 15);
        Assert.Contains("deployment docker_local cannot provide pvc storage", error.Message);
        Assert.True(ParseOn("k8s_pod", "      - { name: data, type: pvc, mountPath: /data, claim: shared-data }").Succeeded);
    }

    [Fact]
    public void S3_on_kubernetes_is_an_error()
    {
        var result = ParseOn("k8s_pod", "      - { name: s3, type: s3, mountPath: /s, endpoint: minio, bucket: datasets }");

        Assert.Equal("/workspaces/0/storage/0/type", Yaml.Single(result.Diagnostics, DiagnosticCodes.StorageTypeNotOnDeployment).JsonPointer);
    }

    [Fact]
    public void Unknown_credentials_are_located_at_the_value_and_suggest_the_configured_name()
    {
        var result = Parse(
            "      - name: c",
            "        type: ceph",
            "        mountPath: /c",
            "        server: mon1",
            "        path: /v",
            "        credentials: ceph-dta");

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.UnknownStorageCredentials);
        Yaml.AssertAt(error, 10, 22);
        Assert.Contains("'ceph-dta' is not under storage.credentials", error.Message);
        Assert.Contains("did you mean 'ceph-data'?", error.Message);
    }

    [Fact]
    public void An_unknown_s3_endpoint_is_an_error_and_without_a_worker_configuration_nothing_is_known()
    {
        var unknown = Parse("      - { name: s3, type: s3, mountPath: /s, endpoint: aws, bucket: datasets }");
        Assert.Contains("configured: minio", Yaml.Single(unknown.Diagnostics, DiagnosticCodes.UnknownStorageEndpoint).Message);

        var none = WorkspaceFileParser.Parse(Yaml.Lines(
            "version: 1", "workspaces:", "  - name: dev", "    storage:", "      - { name: s3, type: s3, mountPath: /s, endpoint: minio, bucket: datasets }"), Yaml.File);
        Assert.Contains("the worker configuration has no storage.s3 entries", Yaml.Single(none.Diagnostics, DiagnosticCodes.UnknownStorageEndpoint).Message);
    }

    [Fact]
    public void A_key_of_another_type_is_located_at_the_key()
    {
        var result = Parse(
            "      - name: data",
            "        type: nfs",
            "        mountPath: /data",
            "        server: 10.0.0.5",
            "        path: /x",
            "        bucket: datasets");

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.StorageSettingNotApplicable);
        Yaml.AssertAt(error, 10, 9);
        Assert.Contains("an nfs volume does not read 'bucket' (it applies to s3)", error.Message);
    }

    [Fact]
    public void The_worker_configuration_names_what_volumes_may_refer_to()
    {
        var parsed = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "storage:",
            "  credentials:",
            "    ceph-data: { user: datasets, secretEnv: CEPH_KEY }",
            "  s3:",
            "    minio: { url: 'http://127.0.0.1:9000', pathStyle: true, accessKeyEnv: S3_ACCESS, secretKeyFile: /run/secrets/s3 }"), "reconciler.yaml");

        Assert.True(parsed.Succeeded, string.Join('\n', parsed.Diagnostics));
        var storage = parsed.Value!.Storage;
        Assert.Equal(new SecretReference(SecretSource.EnvironmentVariable, "CEPH_KEY"), storage.Credentials["ceph-data"].Secret with { Location = null });
        Assert.Equal("datasets", storage.Credentials["ceph-data"].User);
        var minio = storage.S3Endpoints["minio"];
        Assert.Equal((new Uri("http://127.0.0.1:9000"), "us-east-1", true), (minio.Url, minio.Region, minio.PathStyle));
        Assert.Equal(new SecretReference(SecretSource.File, "/run/secrets/s3"), minio.SecretKey with { Location = null });
        Assert.Equal(["minio"], storage.References.S3Endpoints);
    }

    [Fact]
    public void A_storage_secret_written_inline_or_missing_is_a_located_configuration_error()
    {
        var inline = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1", "storage:", "  credentials:", "    c: { user: u, secret: hunter2 }"), "reconciler.yaml");
        var error = Assert.Single(inline.Diagnostics);
        Assert.Contains("secretEnv: NAME (an environment variable) or secretFile: PATH", error.Message);
        Assert.Equal(4, error.Location!.Line);

        var missing = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1", "storage:", "  s3:", "    minio: { url: 'http://127.0.0.1:9000', accessKeyEnv: A }"), "reconciler.yaml");
        var located = Assert.Single(missing.Diagnostics);
        Assert.Equal(DiagnosticCodes.ConfigInvalid, located.Code);
        Assert.Contains("secretKeyEnv: NAME", located.Message);
        Assert.Equal(4, located.Location!.Line);
    }
}
