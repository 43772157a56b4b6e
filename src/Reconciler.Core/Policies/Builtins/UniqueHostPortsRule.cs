using System.Globalization;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies.Effective;

namespace Reconciler.Core.Policies.Builtins;

/// <summary>
/// <c>uniqueHostPorts</c>: no two matching workspaces on the same host (workspace <c>host</c>, default
/// <c>default</c>) publish the same host port and protocol, through <c>runArgs -p</c> or devcontainer
/// <c>appPort</c>. The first use in file order wins; every later one is a violation at the value that publishes it.
/// </summary>
internal sealed record UniqueHostPortsRule : BuiltinRule
{
    public override string Name => "uniqueHostPorts";

    public static UniqueHostPortsRule Create(BuiltinParams p)
    {
        p.AllowOnly();
        return new UniqueHostPortsRule();
    }

    internal override IEnumerable<RuleFinding> Evaluate(IReadOnlyList<EffectiveWorkspace> workspaces)
    {
        var first = new Dictionary<(string Host, int Port, string Protocol), string>();
        foreach (var workspace in workspaces)
        {
            var host = (string?)workspace.Root["workspace"]?["host"] ?? "default";
            foreach (var (port, protocol, pointer) in HostPorts(workspace.Root))
            {
                if (first.TryAdd((host, port, protocol), workspace.Workspace))
                {
                    continue;
                }

                var owner = first[(host, port, protocol)];
                var text = port.ToString(CultureInfo.InvariantCulture) + "/" + protocol;
                yield return new RuleFinding(workspace, pointer, owner == workspace.Workspace
                    ? $"host port {text} is published twice"
                    : $"host port {text} on host {host} is already published by workspace {owner}");
            }
        }
    }

    private static IEnumerable<(int Port, string Protocol, string Pointer)> HostPorts(JObject root)
    {
        if (root["runArgs"]?["publish"] is JArray publish)
        {
            for (var i = 0; i < publish.Count; i++)
            {
                if (PublishSpec.Parse((string)publish[i]!, "") is { HostPort: { } hostPort } binding)
                {
                    yield return (hostPort, binding.Protocol, JsonPointer.Append("/runArgs/publish", i));
                }
            }
        }

        var appPort = root["devcontainer"]?["appPort"];
        var entries = appPort is JArray list ? list.Select((v, i) => (v, JsonPointer.Append("/devcontainer/appPort", i))) : appPort is null ? [] : [(appPort, "/devcontainer/appPort")];
        foreach (var (value, pointer) in entries)
        {
            var binding = value.Type == JTokenType.Integer ? new PortBinding((int)value, (int)value)
                : value.Type == JTokenType.String ? PublishSpec.Parse((string)value!, "") : null;
            if (binding is { HostPort: { } hostPort })
            {
                yield return (hostPort, binding.Protocol, pointer);
            }
        }
    }
}
