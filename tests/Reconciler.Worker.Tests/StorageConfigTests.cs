using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary>The <c>storage</c> section's secrets are read at start-up: a missing one stops the worker where it is named.</summary>
public sealed class StorageConfigTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-config");

    [Fact]
    public void Ceph_keys_and_s3_keys_are_read_from_files_and_never_shown()
    {
        _folder.Write("ceph.key", "AQBc2VjcmV0LWNlcGgta2V5\n");
        _folder.Write("s3-access", "minio-access\n");
        _folder.Write("s3-secret", "minio-secret-key\n");
        var (settings, diagnostics) = Load(
            "version: 1",
            "storage:",
            "  credentials:",
            "    ceph-models: { user: models, secretFile: ceph.key }",
            "  s3:",
            "    minio: { url: 'http://127.0.0.1:9000', pathStyle: true, accessKeyFile: s3-access, secretKeyFile: s3-secret }");

        Assert.Empty(diagnostics);
        Assert.Equal(new Runtime.Docker.StorageCredential("models", "AQBc2VjcmV0LWNlcGgta2V5"), settings!.Storage.Credentials["ceph-models"]);
        var minio = settings.Storage.S3Endpoints["minio"];
        Assert.Equal(("minio-access", "minio-secret-key", true), (minio.AccessKey, minio.SecretKey, minio.PathStyle));
        Assert.DoesNotContain("AQBc2VjcmV0", settings.Storage.ToString() + settings.Storage.Credentials["ceph-models"], StringComparison.Ordinal);
        Assert.DoesNotContain("minio-secret-key", minio.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_variable_is_reported_where_it_is_named()
    {
        var (settings, diagnostics) = Load(
            "version: 1",
            "storage:",
            "  credentials:",
            $"    ceph-models: {{ user: models, secretEnv: RC_TEST_UNSET_{Guid.NewGuid():N} }}");

        Assert.Null(settings);
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, 4, "reconciler.yaml"), (error.Code, error.Location!.Line, error.Location.File));
        Assert.Contains("environment variable RC_TEST_UNSET_", error.Message, StringComparison.Ordinal);
    }

    private (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Load(params string[] lines)
        => WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", string.Join('\n', lines) + "\n"), "reconciler.yaml");

    public void Dispose() => _folder.Dispose();
}
