using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// The <c>storage</c> checks the schema cannot make (docs/storage.md): what each type needs, keys the type does not
/// read, types the deployment cannot provide, and references to the worker configuration that do not resolve.
/// </summary>
internal sealed class StorageRules(SourceMap map, DiagnosticBag diagnostics, StorageReferences references)
{
    /// <summary>Which types read each type-specific key (<c>name</c>, <c>type</c>, <c>mountPath</c>, <c>size</c>, <c>readOnly</c> fit all).</summary>
    private static readonly (string Key, StorageType[] Types)[] Applicable =
    [
        ("server", [StorageType.Nfs, StorageType.Ceph]),
        ("path", [StorageType.Nfs, StorageType.Ceph]),
        ("credentials", [StorageType.Ceph]),
        ("endpoint", [StorageType.S3]),
        ("bucket", [StorageType.S3]),
        ("prefix", [StorageType.S3]),
        ("sync", [StorageType.S3]),
        ("claim", [StorageType.Pvc, StorageType.Ceph]),
        ("storageClass", [StorageType.Local, StorageType.Pvc, StorageType.Ceph]),
    ];

    public void Check(StorageSpec storage, DeploymentKind deployment, string pointer)
    {
        var type = WorkspaceVocabulary.ToYaml(storage.Type);
        var kubernetes = deployment is DeploymentKind.K8sPod or DeploymentKind.K8sStateful;
        foreach (var (key, types) in Applicable)
        {
            if (Written(storage, key) && !types.Contains(storage.Type))
            {
                Report(DiagnosticCodes.StorageSettingNotApplicable, JsonPointer.Append(pointer, key),
                    $"{Display(pointer, key)}: {Volume(storage.Type)} does not read '{key}' (it applies to {string.Join(", ", types.Select(WorkspaceVocabulary.ToYaml))})");
            }
        }

        if ((storage.Type == StorageType.Pvc && !kubernetes) || (storage.Type == StorageType.S3 && kubernetes))
        {
            ReportAtValue(DiagnosticCodes.StorageTypeNotOnDeployment, JsonPointer.Append(pointer, "type"),
                $"{Display(pointer, "type")}: deployment {WorkspaceVocabulary.ToYaml(deployment)} cannot provide {type} storage"
                + (kubernetes ? " (s3 volumes are synchronised through the Docker engine)" : " (a PersistentVolumeClaim exists only on Kubernetes: use k8s_pod or k8s_stateful, or type local)"));
        }

        switch (storage.Type)
        {
            case StorageType.Nfs:
                Require(storage, pointer, "server", "path");
                break;
            case StorageType.Ceph when kubernetes:
                if (storage.StorageClass is null && storage.Claim is null)
                {
                    Missing(JsonPointer.Append(pointer, "storageClass"), "a ceph volume on Kubernetes needs 'storageClass' (a CephFS CSI class) or 'claim' (an existing claim)");
                }

                break;
            case StorageType.Ceph:
                Require(storage, pointer, "server", "path", "credentials");
                break;
            case StorageType.S3:
                Require(storage, pointer, "endpoint", "bucket");
                break;
        }

        if (storage.Credentials is { } credentials && storage.Type == StorageType.Ceph && !references.Credentials.Contains(credentials))
        {
            Unknown(DiagnosticCodes.UnknownStorageCredentials, pointer, "credentials", credentials, "storage.credentials", references.Credentials);
        }

        if (storage.Endpoint is { } endpoint && storage.Type == StorageType.S3 && !references.S3Endpoints.Contains(endpoint))
        {
            Unknown(DiagnosticCodes.UnknownStorageEndpoint, pointer, "endpoint", endpoint, "storage.s3", references.S3Endpoints);
        }
    }

    private void Require(StorageSpec storage, string pointer, params string[] keys)
    {
        foreach (var key in keys.Where(k => !Written(storage, k)))
        {
            // At the missing key's pointer, which locates at the entry.
            Missing(JsonPointer.Append(pointer, key), $"{Volume(storage.Type)} needs '{key}'");
        }
    }

    private void Missing(string pointer, string message)
        => Report(DiagnosticCodes.StorageSettingMissing, pointer, $"{JsonPointer.ToDisplayPath(pointer)}: {message}");


    private void Unknown(string code, string pointer, string key, string name, string section, IReadOnlySet<string> known)
    {
        var suggestion = DidYouMean.Suggest(name, known);
        var listed = known.Count == 0
            ? $"the worker configuration has no {section} entries"
            : $"configured: {string.Join(", ", known.Order(StringComparer.Ordinal))}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
        ReportAtValue(code, JsonPointer.Append(pointer, key), $"{Display(pointer, key)}: '{name}' is not under {section} in the worker configuration ({listed})");
    }

    private static bool Written(StorageSpec storage, string key) => key switch
    {
        "server" => storage.Server is not null,
        "path" => storage.Path is not null,
        "credentials" => storage.Credentials is not null,
        "endpoint" => storage.Endpoint is not null,
        "bucket" => storage.Bucket is not null,
        "prefix" => storage.Prefix.Length > 0,
        "sync" => storage.Sync is not null,
        "claim" => storage.Claim is not null,
        "storageClass" => storage.StorageClass is not null,
        _ => false,
    };

    /// <summary>"an nfs volume", "a ceph volume".</summary>
    private static string Volume(StorageType type)
    {
        var word = WorkspaceVocabulary.ToYaml(type);
        return (word[0] is 'n' or 's' ? "an " : "a ") + word + " volume";
    }

    private static string Display(string pointer, string key) => JsonPointer.ToDisplayPath(JsonPointer.Append(pointer, key));

    private void Report(string code, string pointer, string message)
        => diagnostics.Error(code, message, map.Locate(pointer), pointer);

    private void ReportAtValue(string code, string pointer, string message)
        => diagnostics.Error(code, message, map.ValueLocation(pointer), pointer);
}
