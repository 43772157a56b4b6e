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
            var range = Access.HostPortRange.Default;
            if (value["portRange"] is { } rangeValue)
            {
                var rangePointer = JsonPointer.Append(pointer, "portRange");
                var parsed = Access.HostPortRange.Parse((string?)rangeValue);
                range = parsed ?? range;
                if (parsed is null)
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.ConfigInvalid,
                        $"{JsonPointer.ToDisplayPath(rangePointer)}: '{YamlMessages.Shorten((string?)rangeValue ?? "")}' is not a port range; write first-last with 1 <= first <= last <= 65535, e.g. 32000-32999",
                        document.Map.ValueLocation(rangePointer),
                        rangePointer));
                }
            }

            hosts[host.Name] = new LibvirtHostConfig((string)value["imageDir"]!, (string)value["storageDir"]!)
            {
                Uri = (string?)value["uri"] ?? LibvirtHostConfig.DefaultUri,
                Network = (string?)value["network"] ?? "none",
                VncListen = (string?)value["vncListen"] ?? "127.0.0.1",
                PortRange = range,
                ShutdownTimeout = TimeSpan.FromSeconds((int?)value["shutdownTimeoutSeconds"] ?? 60),
                SshAuthorizedKeys = value["sshAuthorizedKeys"] is JArray keys ? keys.Select(k => (string)k!).ToList() : [],
                Images = Images(value["images"] as JArray, pointer),
                MaxImageBytes = ((long?)value["maxImageSizeGiB"] ?? 64) << 30,
                Gpus = new GpuSectionReader(document, diagnostics).Inventory(host.Name, value, pointer),
            };
        }

        return hosts;
    }

    /// <summary>The listed images (shape checked by the schema); a name listed twice is a located error.</summary>
    private List<LibvirtImageSource> Images(JArray? images, string hostPointer)
    {
        var list = new List<LibvirtImageSource>();
        for (var i = 0; images is not null && i < images.Count; i++)
        {
            var image = (JObject)images[i];
            var name = (string)image["name"]!;
            var pointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(hostPointer, "images"), i), "name");
            if (list.Any(l => l.Name == name))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ConfigInvalid,
                    $"{JsonPointer.ToDisplayPath(pointer)}: image '{name}' is listed twice; each file name in imageDir has one source",
                    document.Map.Locate(pointer),
                    pointer));
                continue;
            }

            list.Add(new LibvirtImageSource(name, new Uri((string)image["url"]!), (string)image["sha256"]!));
        }

        return list;
    }
}
