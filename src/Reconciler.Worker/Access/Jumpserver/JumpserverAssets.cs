using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.Core.Configuration;
using Reconciler.Core.Desired;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary>The request bodies Reconciler sends Jumpserver: one host asset per workspace and one permission granting it to the owner.</summary>
internal static class JumpserverAssets
{
    /// <summary>Asset and permission name: the workspace's container base name (unique per repository and workspace).</summary>
    public static string Name(WorkspaceKey key) => "reconciler-" + WorkspaceNames.Base(key);

    /// <summary>Jumpserver protocol names by container port (access.ssh, access.vnc, access.rdp).</summary>
    public static readonly IReadOnlyList<(string Key, string Protocol)> Protocols =
        [($"{ContainerPorts.Ssh}/tcp", "ssh"), ($"{ContainerPorts.Rdp}/tcp", "rdp"), ($"{ContainerPorts.Vnc}/tcp", "vnc")];

    public static JsonObject Host(WorkspaceKey key, string address, IReadOnlyList<(string Protocol, int Port)> protocols, JumpserverConfig config) => new()
    {
        ["name"] = Name(key),
        ["address"] = address,
        ["platform"] = new JsonObject { ["pk"] = config.Platform },
        ["nodes"] = new JsonArray(new JsonObject { ["pk"] = config.Node }),
        ["protocols"] = new JsonArray([.. protocols.Select(p => (JsonNode)new JsonObject { ["name"] = p.Protocol, ["port"] = p.Port })]),
        ["labels"] = new JsonArray(),
        ["is_active"] = true,
        ["accounts"] = new JsonArray(),
        ["comment"] = $"Reconciler workspace {key.Repository}/{key.Workspace}",
    };

    public static JsonObject Permission(WorkspaceKey key, string assetId, string userId, DateTimeOffset now) => new()
    {
        ["name"] = Name(key),
        ["users"] = new JsonArray(new JsonObject { ["pk"] = userId }),
        ["assets"] = new JsonArray(new JsonObject { ["pk"] = assetId }),
        ["accounts"] = new JsonArray("@ALL"),
        ["actions"] = new JsonArray("connect", "upload", "download", "copy", "paste"),
        ["is_active"] = true,
        ["date_start"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["date_expired"] = now.UtcDateTime.AddYears(100).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };
}
