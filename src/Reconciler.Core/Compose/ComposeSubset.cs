using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Compose;

/// <summary>
/// The compose keys Reconciler implements (docs/compose.md). A schema-valid file that uses anything else gets
/// <see cref="DiagnosticCodes.ComposeKeyUnsupported"/> at that key or value: a key silently ignored would make the
/// workspace differ from what <c>docker compose up</c> gives. Extension fields (<c>x-…</c>) are allowed: compose ignores them.
/// </summary>
internal static class ComposeSubset
{
    public static readonly string[] TopLevel = ["version", "name", "services", "networks", "volumes"];

    public static readonly string[] Service =
    [
        "image", "build", "command", "entrypoint", "environment", "env_file", "labels", "volumes", "networks", "network_mode", "depends_on",
        "working_dir", "user", "restart", "init", "privileged", "tty", "stdin_open", "hostname", "cap_add", "ports", "healthcheck",
    ];

    public static readonly string[] Build = ["context", "dockerfile", "args", "target", "cache_from"];
    public static readonly string[] ServiceVolumeKeys = ["type", "source", "target", "read_only"];
    public static readonly string[] Dependency = ["condition"];
    public static readonly string[] ServiceNetwork = [];
    public static readonly string[] Network = ["driver"];
    public static readonly string[] Volume = ["driver"];
    public static readonly string[] Healthcheck = ["test", "interval", "timeout", "retries", "start_period", "disable"];
    public static readonly string[] Port = ["target", "published", "protocol", "host_ip"];
    public static readonly string[] Restart = ["no", "always", "on-failure", "unless-stopped"];

    public static void Check(LocatedDocument document, DiagnosticBag diagnostics)
    {
        if (document.Root is not JObject root)
        {
            return;
        }

        var check = new Checker(document, diagnostics);
        check.Keys(root, "", TopLevel, "at the top level");
        check.Interpolation(root, "");
        foreach (var (name, service) in Members(root["services"]))
        {
            var at = JsonPointer.Append("/services", name);
            check.Keys(service, at, Service, $"in services.{name}");
            if (service["build"] is JObject build)
            {
                check.Keys(build, at + "/build", Build, $"in services.{name}.build");
            }

            foreach (var (index, volume) in Items(service["volumes"]))
            {
                check.ServiceVolume(volume, $"{at}/volumes/{index}", name);
            }

            foreach (var (dependency, value) in Members(service["depends_on"]))
            {
                var pointer = JsonPointer.Append(at + "/depends_on", dependency);
                check.Keys(value, pointer, Dependency, $"in services.{name}.depends_on.{dependency}");
                if (value is JObject && value["condition"] is JValue { Type: JTokenType.String } condition && (string)condition! is not ("service_started" or "service_healthy"))
                {
                    check.Value(pointer + "/condition", $"depends_on condition '{condition}' is not supported; use service_started or service_healthy");
                }
            }

            foreach (var (network, value) in Members(service["networks"]))
            {
                check.Keys(value, JsonPointer.Append(at + "/networks", network), ServiceNetwork, $"in services.{name}.networks.{network}");
            }

            if (service["network_mode"] is JValue { Type: JTokenType.String } mode && (string)mode! is var text && text != "none" && !text.StartsWith("service:", StringComparison.Ordinal))
            {
                check.Value(at + "/network_mode", $"network_mode '{text}' is not supported; use the project's networks, 'none' or 'service:NAME'");
            }

            if (service["restart"] is JValue { Type: JTokenType.String } restart && !Restart.Contains((string)restart!, StringComparer.Ordinal) && !((string)restart!).StartsWith("on-failure:", StringComparison.Ordinal))
            {
                check.Value(at + "/restart", $"restart '{restart}' is not supported; use one of: {string.Join(", ", Restart)}");
            }

            if (service["healthcheck"] is JObject health)
            {
                check.Keys(health, at + "/healthcheck", Healthcheck, $"in services.{name}.healthcheck");
            }

            foreach (var (index, port) in Items(service["ports"]))
            {
                check.Keys(port, $"{at}/ports/{index}", Port, $"in services.{name}.ports[{index}]");
            }
        }

        foreach (var (name, network) in Members(root["networks"]))
        {
            var at = JsonPointer.Append("/networks", name);
            check.Keys(network, at, Network, $"in networks.{name}");
            if (network is JObject && network["driver"] is JValue { Type: JTokenType.String } driver && (string)driver! != "bridge")
            {
                check.Value(at + "/driver", $"network driver '{driver}' is not supported; only bridge");
            }
        }

        foreach (var (name, volume) in Members(root["volumes"]))
        {
            var at = JsonPointer.Append("/volumes", name);
            check.Keys(volume, at, Volume, $"in volumes.{name}");
            if (volume is JObject && volume["driver"] is JValue { Type: JTokenType.String } driver && (string)driver! != "local")
            {
                check.Value(at + "/driver", $"volume driver '{driver}' is not supported; only local");
            }
        }
    }

    internal static IEnumerable<(string Name, JToken Value)> Members(JToken? token)
        => token is JObject o ? o.Properties().Select(p => (p.Name, p.Value)) : [];

    internal static IEnumerable<(int Index, JToken Value)> Items(JToken? token)
        => token is JArray a ? a.Select((v, i) => (i, v)) : [];

    private sealed class Checker(LocatedDocument document, DiagnosticBag diagnostics)
    {
        public void Keys(JToken token, string pointer, string[] allowed, string where)
        {
            if (token is not JObject o)
            {
                return;
            }

            foreach (var property in o.Properties())
            {
                if (!allowed.Contains(property.Name, StringComparer.Ordinal) && !property.Name.StartsWith("x-", StringComparison.Ordinal))
                {
                    var at = JsonPointer.Append(pointer, property.Name);
                    diagnostics.Error(
                        DiagnosticCodes.ComposeKeyUnsupported,
                        $"compose key '{property.Name}' {where} is not supported by Reconciler"
                        + (allowed.Length > 0 ? $" (supported here: {string.Join(", ", allowed)})" : "") + "; see docs/compose.md",
                        document.Map.Locate(at), at);
                }
            }
        }

        public void Value(string pointer, string message)
            => diagnostics.Error(DiagnosticCodes.ComposeKeyUnsupported, message + "; see docs/compose.md", document.Map.ValueLocation(pointer), pointer);

        public void ServiceVolume(JToken volume, string pointer, string service)
        {
            if (volume is JObject o)
            {
                Keys(o, pointer, ServiceVolumeKeys, $"in services.{service}.volumes");
                var type = (string?)o["type"];
                if (type is not ("volume" or "tmpfs"))
                {
                    Value(pointer + "/type", $"volume type '{type}' is not supported: only named volumes and tmpfs (the workspace folder is a volume seeded from the commit)");
                }

                return;
            }

            var text = (string?)volume ?? "";
            var source = text.Split(':')[0];
            if (!text.Contains(':', StringComparison.Ordinal))
            {
                Value(pointer, $"anonymous volume '{text}' is not supported: name it (NAME:{text}) and declare it under volumes");
            }
            else if (source.StartsWith('.'))
            {
                // A folder of the repository: resolved (and confined) by ComposeProjectBuilder.
            }
            else if (source.Contains('/', StringComparison.Ordinal) || source.StartsWith('~'))
            {
                Value(pointer, $"bind mount of host path '{source}' is not supported: the worker's files are not the repository's; mount the repository folder (a relative path to its root) or a named volume");
            }
            else if (text.Split(':') is { Length: 3 } parts && parts[2] is not ("ro" or "rw" or "cached" or "delegated" or "consistent" or "z" or "Z"))
            {
                Value(pointer, $"volume option '{parts[2]}' in '{text}' is not supported; use ro or rw");
            }
        }

        /// <summary>Compose substitutes <c>${VAR}</c> from the shell and a .env file; a worker has neither for a repository.</summary>
        public void Interpolation(JToken token, string pointer)
        {
            switch (token)
            {
                case JObject o:
                    foreach (var p in o.Properties())
                    {
                        Interpolation(p.Value, JsonPointer.Append(pointer, p.Name));
                    }

                    break;
                case JArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Interpolation(a[i], $"{pointer}/{i}");
                    }

                    break;
                case JValue { Type: JTokenType.String } v when HasVariable((string)v!):
                    Value(pointer, $"variable substitution in '{YamlMessages.Shorten((string)v!)}' is not supported (no shell or .env on the worker); write the value, or $$ for a literal $");
                    break;
            }
        }

        private static bool HasVariable(string text)
        {
            for (var i = 0; i < text.Length - 1; i++)
            {
                if (text[i] == '$')
                {
                    if (text[i + 1] == '$')
                    {
                        i++;
                        continue;
                    }

                    if (text[i + 1] == '{' || char.IsLetter(text[i + 1]) || text[i + 1] == '_')
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
