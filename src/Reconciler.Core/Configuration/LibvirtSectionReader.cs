using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Reads <c>runtimes.libvirt</c> (shape already checked by the schema). A libvirt host may not share its name with
/// a Docker host, the implicit <c>default</c> included: <c>host:</c> must name exactly one runtime.
/// </summary>
internal sealed class LibvirtSectionReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    private const string Path = "/runtimes/libvirt";

    public Dictionary<string, LibvirtHostConfig> Read(JObject root, IReadOnlyCollection<string> dockerHosts)
    {
        var hosts = new Dictionary<string, LibvirtHostConfig>(StringComparer.Ordinal);
        if (root["runtimes"]?["libvirt"] is not JObject libvirt)
        {
            return hosts;
        }

        foreach (var host in libvirt.Properties())
        {
            var pointer = JsonPointer.Append(Path, host.Name);
            if (host.Name == "default" || dockerHosts.Contains(host.Name))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ConfigInvalid,
                    $"{JsonPointer.ToDisplayPath(pointer)}: '{host.Name}' is already a Docker host name ('default' always is); give the libvirt host another name",
                    document.Map.Locate(pointer),
                    pointer));
                continue;
            }

            var value = (JObject)host.Value;
            hosts[host.Name] = new LibvirtHostConfig((string)value["imageDir"]!, (string)value["storageDir"]!)
            {
                Uri = (string?)value["uri"] ?? LibvirtHostConfig.DefaultUri,
                Network = (string?)value["network"] ?? "none",
                VncListen = (string?)value["vncListen"] ?? "127.0.0.1",
                ShutdownTimeout = TimeSpan.FromSeconds((int?)value["shutdownTimeoutSeconds"] ?? 60),
                SshAuthorizedKeys = value["sshAuthorizedKeys"] is JArray keys ? keys.Select(k => (string)k!).ToList() : [],
            };
        }

        return hosts;
    }
}
