using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Parses the worker's configuration file with the same YAML reader, schema validation and located errors as
/// workspace.yaml (schema: <c>Schemas/reconciler-config.schema.json</c>). Never throws.
/// </summary>
public static class ReconcilerConfigParser
{
    public static ParseResult<ReconcilerConfig> Parse(string text, string file)
    {
        var read = YamlDocumentReader.Read(text, file);
        if (read.Value is not { } document || !read.Succeeded)
        {
            return ParseResult<ReconcilerConfig>.Failed(read.Diagnostics);
        }

        IReadOnlyList<Diagnostic> schemaErrors;
        try
        {
            schemaErrors = SchemaDiagnostics.Validate(EmbeddedSchemas.Get(EmbeddedSchemas.ReconcilerConfig), document);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ParseResult<ReconcilerConfig>.Failed([Diagnostic.Error(DiagnosticCodes.ConfigInvalid, "could not validate the file: " + ex.Message, SourceLocation.StartOf(file), "")]);
        }

        if (schemaErrors.Count > 0 || document.Root is not JObject root)
        {
            return ParseResult<ReconcilerConfig>.Failed([.. schemaErrors.Select(InlineSecrets.Explain)]);
        }

        var diagnostics = new List<Diagnostic>();
        var hosts = new Dictionary<string, DockerEndpointConfig>(StringComparer.Ordinal);
        if (root["runtimes"]?["docker"] is JObject docker)
        {
            foreach (var host in docker.Properties())
            {
                var endpoint = (string?)host.Value["endpoint"] ?? "";
                var pointer = JsonPointer.Append(JsonPointer.Append("/runtimes/docker", host.Name), "endpoint");
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out _))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid,
                        $"{JsonPointer.ToDisplayPath(pointer)}: '{YamlMessages.Shorten(endpoint)}' is not a valid address; write e.g. unix:///var/run/docker.sock or tcp://10.0.0.7:2375",
                        document.Map.ValueLocation(pointer), pointer));
                }

                var range = Access.HostPortRange.Default;
                if (host.Value["portRange"] is { } rangeValue)
                {
                    var rangePointer = JsonPointer.Append(JsonPointer.Append("/runtimes/docker", host.Name), "portRange");
                    var parsed = Access.HostPortRange.Parse((string?)rangeValue);
                    range = parsed ?? range;
                    if (parsed is null)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid,
                            $"{JsonPointer.ToDisplayPath(rangePointer)}: '{YamlMessages.Shorten((string?)rangeValue ?? "")}' is not a port range; write first-last with 1 <= first <= last <= 65535, e.g. 32000-32999",
                            document.Map.ValueLocation(rangePointer), rangePointer));
                    }
                }

                hosts[host.Name] = new DockerEndpointConfig(endpoint)
                {
                    Gpus = new GpuSectionReader(document, diagnostics).Inventory(host.Name, (JObject)host.Value, JsonPointer.Append("/runtimes/docker", host.Name)),
                    PortRange = range,
                };
            }
        }

        var libvirtHosts = new LibvirtSectionReader(document, diagnostics).Read(root, hosts.Keys);
        var allowList = root["devcontainer"]?["localEnvAllowList"] is JArray names
            ? names.Select(n => (string)n!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var clusters = KubernetesClustersReader.Read(root, document, hosts.Keys.ToHashSet(StringComparer.Ordinal), diagnostics);
        var config = new WorkerSectionReader(document, diagnostics).Bind(root, new ReconcilerConfig
        {
            DockerHosts = hosts,
            LibvirtHosts = libvirtHosts,
            KubernetesClusters = clusters,
            LocalEnvAllowList = allowList,
            Gpu = new GpuSectionReader(document, diagnostics).Settings(root["gpu"] as JObject),
            LeaderElection = new LeaderElectionSectionReader(document, diagnostics).Read(root, clusters.Keys),
            Storage = new StorageSectionReader(document, diagnostics).Read(root["storage"] as JObject),
            Snapshots = new SnapshotsSectionReader(document, diagnostics).Read(root["snapshots"] as JObject),
            FeatureRegistries = new FeatureRegistriesReader(document, diagnostics).Read(root["devcontainer"] as JObject),
        });
        return diagnostics.Count > 0
            ? ParseResult<ReconcilerConfig>.Failed(diagnostics)
            : new ParseResult<ReconcilerConfig>(config, []);
    }
}
