using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Configuration;

/// <summary>The <c>access</c> section: the schema checks each key line; the reader keeps them by user, in file order.</summary>
internal sealed partial class WorkerSectionReader
{
    private static AccessConfig Access(JObject? section)
    {
        if (section?["sshKeys"] is not JObject keys)
        {
            return AccessConfig.None;
        }

        var byUser = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (user, lines) in keys)
        {
            byUser[user] = ((JArray)lines!).Select(l => ((string)l!).Trim()).ToList();
        }

        return new AccessConfig { SshKeys = byUser };
    }
}
