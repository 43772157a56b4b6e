using System.Globalization;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Compose;

/// <summary>A validated compose file and its folder in the repository (build contexts and env files are relative to it).</summary>
public sealed record ComposeInput(LocatedDocument Document, string Directory);

/// <summary>Reads a repository file for the builder (env files): its text, or null when it does not exist or cannot be read.</summary>
public delegate string? ComposeFileSource(string repositoryPath);

/// <summary>
/// Merges validated compose files (later files win: mappings merge key by key, every other value is replaced) and
/// turns the supported subset into a <see cref="ComposeProject"/>: services in start order, undeclared networks and
/// volumes, dependency cycles and unusable values as located errors.
/// </summary>
public static partial class ComposeProjectBuilder
{
    public static ComposeProject? Build(IReadOnlyList<ComposeInput> inputs, DiagnosticBag diagnostics, ComposeFileSource? files = null)
    {
        files ??= _ => null;
        var merged = new JObject();
        var origin = new Dictionary<string, ComposeInput>(StringComparer.Ordinal);
        var buildOrigin = new Dictionary<string, ComposeInput>(StringComparer.Ordinal);
        var envOrigin = new Dictionary<string, ComposeInput>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input.Document.Root is not JObject root)
            {
                continue;
            }

            foreach (var (name, service) in ComposeSubset.Members(root["services"]))
            {
                origin[name] = input;
                if (service["build"] is not null)
                {
                    buildOrigin[name] = input;
                }

                if (service["env_file"] is not null)
                {
                    envOrigin[name] = input;
                }
            }

            Merge(merged, root);
        }

        var networks = ComposeSubset.Members(merged["networks"]).Select(n => n.Name).Append("default").Distinct().Order(StringComparer.Ordinal).ToList();
        var volumes = ComposeSubset.Members(merged["volumes"]).Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
        var services = new List<ComposeService>();
        var before = diagnostics.Items.Count;
        foreach (var (name, token) in ComposeSubset.Members(merged["services"]))
        {
            var at = new Where(origin[name], JsonPointer.Append("/services", name), diagnostics);
            var envFiles = envOrigin.TryGetValue(name, out var envInput)
                ? EnvFiles(name, (JObject)token, new Where(envInput, JsonPointer.Append("/services", name), diagnostics), files)
                : new SortedDictionary<string, string>(StringComparer.Ordinal);
            var service = Service(name, (JObject)token, at, buildOrigin.GetValueOrDefault(name), networks, volumes);
            if (service is not null && envFiles.Count > 0)
            {
                // environment wins over env_file, as in compose.
                foreach (var (variable, value) in service.Environment)
                {
                    envFiles[variable] = value;
                }

                service = service with { Environment = envFiles };
            }

            if (service is not null)
            {
                services.Add(service);
            }
        }

        if (diagnostics.Items.Skip(before).Any(d => d.IsError))
        {
            return null;
        }

        var ordered = StartOrder(services, origin, diagnostics);
        return ordered is null ? null : new ComposeProject(ordered, networks, volumes);
    }

    private static ComposeService? Service(string name, JObject s, Where at, ComposeInput? buildInput, List<string> networks, List<string> volumes)
    {
        ResolvedBuild? build = null;
        if (s["build"] is { } b && buildInput is not null)
        {
            var bo = b as JObject;
            var context = (string?)(bo is null ? b : bo["context"]) ?? ".";
            var contextPath = RepoPath.Combine(buildInput.Directory, context);
            var dockerfile = contextPath is null ? null : RepoPath.Combine(contextPath, (string?)bo?["dockerfile"] ?? "Dockerfile");
            if (contextPath is null || dockerfile is null)
            {
                at.Error(DiagnosticCodes.PathOutsideRepository, "/build", $"build context '{context}' of service {name} leaves the repository");
                return null;
            }

            var (args, _) = ComposeValues.Map(bo?["args"]);
            build = new ResolvedBuild(contextPath, dockerfile, args, (string?)bo?["target"], ComposeValues.Words(bo?["cache_from"]) ?? []);
        }

        var image = (string?)s["image"];
        if (image is null && build is null)
        {
            at.Error(DiagnosticCodes.ComposeFileInvalid, "", $"service {name} has neither image nor build");
            return null;
        }

        var (environment, unset) = ComposeValues.Map(s["environment"]);
        foreach (var variable in unset)
        {
            at.Error(DiagnosticCodes.ComposeKeyUnsupported, "/environment", $"environment '{variable}' of service {name} has no value; compose would copy the worker's own variable: write the value");
        }

        var (labels, _) = ComposeValues.Map(s["labels"]);
        var mounts = new List<MountRequest>();
        foreach (var (index, volume) in ComposeSubset.Items(s["volumes"]))
        {
            var mount = Mount(volume);
            if (mount.Kind == MountKind.Bind)
            {
                // The only bind mounts: the repository's root, which becomes the workspace volume seeded from the commit, or
                // its parent folder (the templates' `../..:/workspaces`), where the repository appears under its folder name.
                var resolved = RepoPath.Combine(at.Directory, mount.Source!);
                var parent = resolved is null && RepoPath.Combine("repository/" + at.Directory, mount.Source!) is "";
                if (resolved is not "" && !parent)
                {
                    at.Error(DiagnosticCodes.ComposeKeyUnsupported, $"/volumes/{index}",
                        $"bind mount '{mount.Source}' of service {name} is neither the repository's root folder nor its parent; only the repository can be mounted (it is the workspace volume, seeded from the commit)");
                    continue;
                }

                mount = mount with { Source = parent ? ComposeProject.RepositoryParentSource : ComposeProject.RepositorySource };
            }

            if (mount.Kind == MountKind.Volume && !volumes.Contains(mount.Source!, StringComparer.Ordinal))
            {
                at.Error(DiagnosticCodes.ComposeFileInvalid, $"/volumes/{index}", $"service {name} mounts volume '{mount.Source}', which is not declared under the top-level volumes");
            }

            mounts.Add(mount);
        }

        var serviceNetworks = s["networks"] switch
        {
            JArray a => a.Select(v => (string?)v ?? "").ToList(),
            JObject o => o.Properties().Select(p => p.Name).ToList(),
            _ => [],
        };
        foreach (var network in serviceNetworks.Where(n => !networks.Contains(n, StringComparer.Ordinal)))
        {
            at.Error(DiagnosticCodes.ComposeFileInvalid, "/networks", $"service {name} uses network '{network}', which is not declared under the top-level networks");
        }

        var mode = (string?)s["network_mode"];
        var dependsOn = s["depends_on"] switch
        {
            JArray a => a.Select(v => new ComposeDependency((string?)v ?? "", false)).ToList(),
            JObject o => o.Properties().Select(p => new ComposeDependency(p.Name, p.Value is JObject d && (string?)d["condition"] == "service_healthy")).ToList(),
            _ => [],
        };
        if (mode?.StartsWith("service:", StringComparison.Ordinal) == true && !dependsOn.Any(d => d.Service == mode[8..]))
        {
            dependsOn.Add(new ComposeDependency(mode[8..], false));
        }

        var ports = new List<PortBinding>();
        foreach (var (index, port) in ComposeSubset.Items(s["ports"]))
        {
            if (Port(port) is { } binding)
            {
                ports.Add(binding);
            }
            else
            {
                at.Error(DiagnosticCodes.ComposeKeyUnsupported, $"/ports/{index}", $"port '{port}' of service {name} is not supported; write CONTAINER, HOST:CONTAINER or IP:HOST:CONTAINER (optionally /tcp or /udp), no ranges");
            }
        }

        return new ComposeService
        {
            Name = name,
            Image = image,
            Build = build,
            Command = ComposeValues.Words(s["command"]),
            Entrypoint = ComposeValues.Words(s["entrypoint"]),
            Environment = environment,
            Labels = labels,
            Mounts = mounts,
            Networks = mode is null ? (serviceNetworks.Count > 0 ? serviceNetworks : ["default"]) : [],
            NetworkMode = mode,
            DependsOn = dependsOn,
            WorkingDir = (string?)s["working_dir"],
            User = s["user"] is { } user ? ComposeValues.Scalar(user) : null,
            Restart = (string?)s["restart"],
            Init = (bool?)s["init"] ?? false,
            Privileged = (bool?)s["privileged"] ?? false,
            Tty = (bool?)s["tty"] ?? false,
            StdinOpen = (bool?)s["stdin_open"] ?? false,
            Hostname = (string?)s["hostname"],
            CapAdd = ComposeValues.Words(s["cap_add"]) ?? [],
            Ports = ports,
            Healthcheck = Healthcheck(s["healthcheck"], at, name),
        };
    }

    private static SortedDictionary<string, string> EnvFiles(string name, JObject s, Where at, ComposeFileSource files)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var listed = s["env_file"] is JArray;
        var paths = ComposeValues.Words(s["env_file"] is JArray ? s["env_file"] : new JArray(s["env_file"]!)) ?? [];
        for (var i = 0; i < paths.Count; i++)
        {
            var relative = listed ? $"/env_file/{i}" : "/env_file";
            var path = RepoPath.Combine(at.Directory, paths[i]);
            var text = path is null ? null : files(path);
            if (path is null || text is null)
            {
                at.Error(path is null ? DiagnosticCodes.PathOutsideRepository : DiagnosticCodes.ReferencedFileMissing, relative,
                    $"env_file '{paths[i]}' of service {name} {(path is null ? "leaves the repository" : "is not in the repository at this commit")}");
                continue;
            }

            foreach (var (variable, value) in EnvFileParser.Parse(text, path, at.Diagnostics))
            {
                values[variable] = value;
            }
        }

        return values;
    }

    private static MountRequest Mount(JToken volume)
    {
        if (volume is JObject o)
        {
            var kind = (string?)o["type"] == "tmpfs" ? MountKind.Tmpfs : MountKind.Volume;
            return new MountRequest(kind, (string?)o["source"], (string?)o["target"] ?? "", (bool?)o["read_only"] ?? false);
        }

        var parts = ((string?)volume ?? "").Split(':');
        var shortKind = parts[0].StartsWith('.') ? MountKind.Bind : MountKind.Volume;
        return new MountRequest(shortKind, parts[0], parts.Length > 1 ? parts[1] : "", parts.Length > 2 && parts[2] == "ro");
    }

    private static PortBinding? Port(JToken port)
    {
        if (port is JObject o)
        {
            var target = (int?)o["target"];
            var published = o["published"] is { } p && int.TryParse(ComposeValues.Scalar(p), NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort) ? hostPort : (int?)null;
            return target is null ? null : new PortBinding(target.Value, published, (string?)o["protocol"] ?? "tcp", (string?)o["host_ip"]);
        }

        var text = ComposeValues.Scalar(port);
        var protocol = "tcp";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..];
            text = text[..slash];
        }

        var parts = text.Split(':');
        static int? Number(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 65535 ? n : null;
        return parts.Length switch
        {
            1 when Number(parts[0]) is { } container => new PortBinding(container, null, protocol),
            2 when Number(parts[1]) is { } container && (parts[0].Length == 0 || Number(parts[0]) is not null) => new PortBinding(container, Number(parts[0]), protocol),
            3 when Number(parts[2]) is { } container => new PortBinding(container, Number(parts[1]), protocol, parts[0]),
            _ => null,
        };
    }

    private static ComposeHealthcheck? Healthcheck(JToken? token, Where at, string name)
    {
        if (token is not JObject h)
        {
            return null;
        }

        if ((bool?)h["disable"] == true)
        {
            return new ComposeHealthcheck(["NONE"], null, null, null, null);
        }

        var test = h["test"] switch
        {
            JArray a => a.Select(v => (string?)v ?? "").ToList(),
            JValue { Type: JTokenType.String } v => ["CMD-SHELL", (string)v!],
            _ => [],
        };
        long? Duration(string key)
        {
            if (h[key] is not JValue { Type: JTokenType.String } value)
            {
                return null;
            }

            var ns = ComposeValues.DurationNs((string)value!);
            if (ns is null)
            {
                at.Error(DiagnosticCodes.ComposeFileInvalid, "/healthcheck/" + key, $"healthcheck {key} '{value}' of service {name} is not a duration such as 10s or 1m30s");
            }

            return ns;
        }

        return new ComposeHealthcheck(test, Duration("interval"), Duration("timeout"), (long?)h["retries"], Duration("start_period"));
    }

    private static void Merge(JObject into, JObject from)
    {
        foreach (var property in from.Properties())
        {
            if (property.Value is JObject value && into[property.Name] is JObject existing)
            {
                Merge(existing, value);
            }
            else
            {
                into[property.Name] = property.Value.DeepClone();
            }
        }
    }

    private sealed class Where(ComposeInput input, string pointer, DiagnosticBag diagnostics)
    {
        public string Directory => input.Directory;

        public DiagnosticBag Diagnostics => diagnostics;

        public void Error(string code, string relative, string message)
        {
            var at = pointer + relative;
            var location = input.Document.Map.ValueLocation(at);
            diagnostics.Error(code, message, location, at);
        }
    }
}
