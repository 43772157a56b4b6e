using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Storage;

/// <summary>
/// The <c>local</c> volume driver's options for nfs and ceph volumes (what <c>docker volume create --driver local
/// --opt type=nfs ...</c> writes): the engine mounts them when a container using the volume starts. The ceph secret
/// goes only here (never into labels or logs); <c>docker volume inspect</c> shows driver options to whoever may use
/// the engine, which is why docs/storage.md recommends a CephX user limited to the path.
/// </summary>
internal static class StorageDriverOptions
{
    public const string Driver = "local";

    /// <summary>Null for types that are plain volumes (local, s3).</summary>
    public static Dictionary<string, string>? For(StorageSpec storage, IReadOnlyDictionary<string, StorageCredential> credentials)
    {
        var readOnly = storage.ReadOnly ? ",ro" : "";
        switch (storage.Type)
        {
            case StorageType.Nfs:
                return new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["type"] = "nfs",
                    ["o"] = $"addr={storage.Server},nfsvers=4{readOnly}",
                    ["device"] = ":" + storage.Path,
                };
            case StorageType.Ceph:
                var name = storage.Credentials ?? "";
                if (!credentials.TryGetValue(name, out var credential))
                {
                    throw new StepFailedException(
                        "StorageCredentialsMissing",
                        $"storage {storage.Name} names credentials '{name}', which this worker has not resolved (storage.credentials in the worker configuration, see docs/storage.md)");
                }

                return new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["type"] = "ceph",
                    ["o"] = $"name={credential.User},secret={credential.Secret}{readOnly}",
                    ["device"] = $"{storage.Server}:{storage.Path}",
                };
            default:
                return null;
        }
    }

    /// <summary>Whether an existing volume was made with exactly these options (else it is made again: it holds no data of its own).</summary>
    public static bool Match(IDictionary<string, string>? existing, string? driver, Dictionary<string, string> wanted)
        => driver == Driver
           && existing is not null
           && existing.Count == wanted.Count
           && wanted.All(w => existing.TryGetValue(w.Key, out var value) && value == w.Value);
}
