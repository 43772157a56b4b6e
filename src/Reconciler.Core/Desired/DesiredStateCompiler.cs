using System.Globalization;
using Reconciler.Core.Compose;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>
/// Pure: workspace entry + devcontainer config + repository identity + commit → a runtime-neutral
/// <see cref="DesiredWorkspace"/> with a stable spec hash. Same input, same output, byte for byte.
/// </summary>
public static class DesiredStateCompiler
{
    public static CompileResult Compile(CompileRequest request, CompilerOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var spec = request.Workspace;
        var config = request.Devcontainer;
        var key = new WorkspaceKey(request.Repository, spec.Name);

        string image;
        var build = request.Build;
        ComposeService? primary = null;
        var project = request.Compose;
        if (project is not null && config.Compose?.Service is { } service && project.Find(service) is not null)
        {
            // The folder name the repository has under a mounted parent (`../..:/workspaces`), as ${localWorkspaceFolderBasename}.
            var folder = Path.GetFileName((request.DefaultWorkspaceFolder ?? key.Repository).TrimEnd('/'));
            project = project with { Services = [.. project.Services.Select(s => ComposeCompiler.WithRepositoryMounts(s, folder))] };
            primary = project.Find(service)!;
            config = ComposeCompiler.Adjust(config, primary, folder);
            image = ComposeCompiler.Image(key, primary);
            build = primary.Build;
        }
        else if (build is not null)
        {
            image = BuildImageTag(key, build, request.DockerfileText ?? "");
        }
        else if (!string.IsNullOrWhiteSpace(config.Image))
        {
            image = config.Image;
        }
        else if (config.Compose is not null)
        {
            image = "(compose)";
        }
        else
        {
            var file = config.Document.Map.File;
            diagnostics.Error(
                DiagnosticCodes.NoImageSource,
                $"{request.DevcontainerPath} names no image: set \"image\" or \"build.dockerfile\"",
                SourceLocation.StartOf(file));
            return new CompileResult(null, diagnostics.Items);
        }

        var container = ContainerSpecBuilder.Build(key, spec, config, request.DefaultWorkspaceFolder, diagnostics);
        if (primary is not null)
        {
            container = ComposeCompiler.Merge(key, container, primary);
        }

        var commands = new LifecycleCommands(config.OnCreateCommand, config.UpdateContentCommand, config.PostCreateCommand, config.PostStartCommand);
        var features = Features.FeatureRequestBuilder.Build(config, request.DevcontainerPath, diagnostics);
        var fields = Flatten(image, build, container, commands, spec, f =>
        {
            if (primary is not null)
            {
                ComposeCompiler.AddPrimaryFields(f, key, primary);
            }

            foreach (var (name, value) in features is null ? [] : Features.FeatureRequestBuilder.HashFields(features))
            {
                f.Add(name, value);
            }
        });
        var specHash = SpecFields.Hash(fields);
        var compose = primary is null ? null : ComposeCompiler.Workspace(key, project!, primary, specHash, config.ShutdownAction);
        var desired = new DesiredWorkspace
        {
            Key = key,
            Commit = request.Commit,
            Spec = spec,
            Image = image,
            Build = build,
            Compose = compose,
            Container = container,
            Commands = commands,
            Power = PowerState.Running,
            // On Kubernetes the NVIDIA device plugin places GPUs (gpu: becomes resource limits): no allocation here.
            Gpu = spec.Deployment is not (DeploymentKind.K8sPod or DeploymentKind.K8sStateful)
                  && Reconciler.Core.Gpu.Requests.GpuRequestMapper.From(spec.Gpu, config.HostRequirements?.Gpu) is { WantsGpu: true } gpu
                ? new Reconciler.Core.Gpu.Placement.WorkspaceGpu(gpu)
                : null,
            Unsupported = UnsupportedCapabilities.Find(spec, config, options),
            Warnings = diagnostics.Items.Where(d => !d.IsError).ToList(),
            Fields = fields,
            Features = features,
            SpecHash = compose is null ? specHash : ComposeHash.Combine(specHash, compose.Sidecars.Select(c => KeyValuePair.Create(c.Service.Name, c.Hash))),
        };
        return new CompileResult(diagnostics.HasErrors ? null : desired, diagnostics.Items);
    }

    /// <summary>
    /// Build tag: the loader's context hash (context files + Dockerfile + target + args) when it computed one, else the
    /// inputs known without reading the context (the Dockerfile text, paths, args and target).
    /// </summary>
    private static string BuildImageTag(WorkspaceKey key, ResolvedBuild build, string dockerfileText)
    {
        if (build.ContextHash is { Length: > 0 } contextHash)
        {
            return $"reconciler-build/{WorkspaceNames.Base(key)}:{contextHash[..32]}";
        }

        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["context"] = build.ContextPath,
            ["dockerfile"] = build.DockerfilePath,
            ["dockerfileText"] = dockerfileText,
            ["target"] = build.Target ?? "",
        };
        foreach (var (name, value) in build.Args)
        {
            fields["arg." + name] = value;
        }

        return $"reconciler-build/{WorkspaceNames.Base(key)}:{SpecFields.Hash(fields)}";
    }

    private static IReadOnlyDictionary<string, string> Flatten(
        string image, ResolvedBuild? build, ContainerSpec c, LifecycleCommands commands, WorkspaceSpec spec, Action<SpecFields>? more = null)
    {
        var f = new SpecFields();
        more?.Invoke(f);
        f.Add("image", image);
        if (build is not null)
        {
            f.Add("build.context", build.ContextPath);
            f.Add("build.dockerfile", build.DockerfilePath);
            f.Add("build.target", build.Target);
            f.AddMap("build.args", build.Args);
        }

        f.AddMap("containerEnv", c.Env);
        f.AddMap("remoteEnv", c.RemoteEnv);
        f.AddMap("labels", c.Labels);
        f.Add("resources.cpu", c.NanoCpus is { } n ? (n / 1e9).ToString(CultureInfo.InvariantCulture) : null);
        f.Add("resources.memory", c.MemoryBytes);
        f.Add("resources.memorySwap", c.MemorySwapBytes);
        f.Add("resources.shmSize", c.ShmSizeBytes);
        f.Add("resources.disk", c.DiskBytes);
        foreach (var port in c.Ports)
        {
            f.Add($"ports.{port.ContainerPort}/{port.Protocol}", $"{port.HostIp}:{port.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "auto"}");
        }

        foreach (var mount in c.Mounts)
        {
            f.Add($"mounts.{mount.Target}", $"{mount.Kind.ToString().ToLowerInvariant()}:{mount.Source}:{(mount.ReadOnly ? "ro" : "rw")}");
        }

        f.Add("workspaceFolder", c.WorkspaceFolder);
        f.Add("containerUser", c.ContainerUser);
        f.Add("remoteUser", c.RemoteUser);
        f.Add("init", c.Init);
        f.Add("privileged", c.Privileged);
        f.Add("overrideCommand", c.OverrideCommand, defaultValue: true);
        f.AddList("capAdd", c.CapAdd);
        f.AddList("capDrop", c.CapDrop);
        f.AddList("securityOpt", c.SecurityOpt);
        f.AddList("devices", c.Devices);
        f.AddList("extraHosts", c.ExtraHosts);
        f.AddList("ulimits", c.Ulimits.Select(u => $"{u.Name}={u.Soft}:{u.Hard}"));
        f.Add("network", c.NetworkMode);
        f.Add("ipc", c.IpcMode);
        f.Add("pid", c.PidMode);
        f.Add("userns", c.UsernsMode);
        f.Add("hostname", c.Hostname);
        f.Add("onCreateCommand", Describe(commands.OnCreate));
        f.Add("updateContentCommand", Describe(commands.UpdateContent));
        f.Add("postCreateCommand", Describe(commands.PostCreate));
        f.Add("postStartCommand", Describe(commands.PostStart));
        f.Add("deployment", WorkspaceVocabulary.ToYaml(spec.Deployment));
        f.Add("host", spec.Host);
        if (spec.Deployment is DeploymentKind.K8sPod or DeploymentKind.K8sStateful)
        {
            AddKubernetesFields(f, spec);
        }
        else
        {
            // What a storage volume is made from (the mount only names it): a changed server or bucket recreates the container,
            // whose create makes the volume again. Local volumes add nothing, so their workspaces keep their spec hashes.
            foreach (var storage in spec.Storage.Where(s => s.Type != StorageType.Local))
            {
                f.Add($"storage.{storage.Name}",
                    $"{WorkspaceVocabulary.ToYaml(storage.Type)}:{storage.Server}:{storage.Path}:{storage.Credentials}:{storage.Endpoint}:{storage.Bucket}:{storage.Prefix}:{(storage.UploadsOnStop ? "two-way" : "download")}");
            }
        }

        return f.ToDictionary();
    }

    /// <summary>
    /// What the Kubernetes renderer reads from workspace.yaml beyond the container: namespace (team), GPU limits, volumes
    /// and Services. Only for Kubernetes deployments, so Docker workspaces keep their spec hashes.
    /// </summary>
    private static void AddKubernetesFields(SpecFields f, WorkspaceSpec spec)
    {
        f.Add("kubernetes.team", spec.Team);
        if (spec.Gpu.Mode != GpuMode.None)
        {
            f.Add("kubernetes.gpu", $"{WorkspaceVocabulary.ToYaml(spec.Gpu.Mode)}:{spec.Gpu.Count}:{spec.Gpu.Model}:{spec.Gpu.Profile}");
        }

        foreach (var storage in spec.Storage)
        {
            f.Add($"kubernetes.storage.{storage.Name}",
                $"{WorkspaceVocabulary.ToYaml(storage.Type)}:{storage.MountPath}:{storage.SizeBytes}:{storage.Server}:{storage.Path}:{(storage.ReadOnly ? "ro" : "rw")}"
                + (storage.Claim is null && storage.StorageClass is null ? "" : $":{storage.Claim}:{storage.StorageClass}"));
        }

        foreach (var port in spec.Ports)
        {
            f.Add($"kubernetes.ports.{port.Port}", $"{port.Name}:{WorkspaceVocabulary.ToYaml(port.Expose)}");
        }
    }

    internal static string? Describe(LifecycleCommand? command) => command?.Form switch
    {
        null => null,
        LifecycleCommandForm.Shell => command.Shell,
        LifecycleCommandForm.Exec => "[" + string.Join(", ", command.Exec!.Select(a => "\"" + a + "\"")) + "]",
        _ => "{" + string.Join(", ", command.Parallel!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ": " + Describe(p.Value))) + "}",
    };
}
