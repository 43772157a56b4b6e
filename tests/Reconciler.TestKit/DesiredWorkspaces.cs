using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.TestKit;

/// <summary>
/// Hand-built <see cref="DesiredWorkspace"/> values for adapter tests (the real compiler lives elsewhere).
/// <see cref="DesiredWorkspace.SpecHash"/> is a hash of <see cref="DesiredWorkspace.Fields"/>; use
/// <see cref="WithField"/> to change a field and the hash together.
/// </summary>
public static class DesiredWorkspaces
{
    public const string WorkspaceFolder = "/workspaces/project";

    public static DesiredWorkspace For(string repository, string workspace = "main", string image = LocalImages.Busybox, string commit = "0000000000000000000000000000000000000001")
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["image"] = image,
            ["name"] = workspace,
        };
        return new DesiredWorkspace
        {
            Key = new WorkspaceKey(repository, workspace),
            Commit = commit,
            Spec = new WorkspaceSpec { Name = workspace },
            Image = image,
            Container = new ContainerSpec { WorkspaceFolder = WorkspaceFolder, WorkspaceVolume = "workspace" },
            Commands = new LifecycleCommands(),
            Fields = fields,
            SpecHash = Hash(fields),
        };
    }

    /// <summary>Returns a copy with one field set and the spec hash recomputed.</summary>
    public static DesiredWorkspace WithField(this DesiredWorkspace desired, string key, string value)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in desired.Fields)
        {
            fields[k] = v;
        }

        fields[key] = value;
        return desired with { Fields = fields, SpecHash = Hash(fields) };
    }

    public static string Hash(IReadOnlyDictionary<string, string> fields)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
