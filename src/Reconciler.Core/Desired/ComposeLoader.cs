using Reconciler.Core.Compose;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Ports;

namespace Reconciler.Core.Desired;

/// <summary>
/// Reads a devcontainer's <c>dockerComposeFile</c>s from the commit (paths relative to devcontainer.json, confined to the
/// repository), validates and merges them, checks <c>service</c> and <c>runServices</c>, keeps the selected services and
/// their dependencies, and hashes the build context of each service that builds. Null (with located errors) when invalid.
/// </summary>
internal static class ComposeLoader
{
    public static ComposeProject? Load(
        IRepositoryContent repository, string devcontainerPath, ComposeSpec spec, LocatedDocument document, LoaderOptions options, DiagnosticBag diagnostics)
    {
        var directory = RepoPath.Directory(devcontainerPath);
        var listed = document.Root["dockerComposeFile"] is Newtonsoft.Json.Linq.JArray;
        var inputs = new List<ComposeInput>();
        var before = diagnostics.Items.Count;
        for (var i = 0; i < spec.Files.Count; i++)
        {
            var pointer = listed ? $"/dockerComposeFile/{i}" : "/dockerComposeFile";
            var at = document.Map.ValueLocation(pointer);
            var path = RepoPath.Combine(directory, spec.Files[i]);
            if (path is null)
            {
                diagnostics.Error(DiagnosticCodes.PathOutsideRepository, $"compose file '{spec.Files[i]}' leaves the repository", at, pointer);
                continue;
            }

            var file = repository.ReadFile(path, InputLimits.MaxFileBytes);
            if (!file.Exists || file.Text is null)
            {
                diagnostics.Error(
                    file.Status == RepositoryFileStatus.OutsideRepository ? DiagnosticCodes.PathOutsideRepository : file.Status == RepositoryFileStatus.TooLarge ? DiagnosticCodes.FileTooLarge : DiagnosticCodes.ReferencedFileMissing,
                    $"{path} (compose file) {(file.Status == RepositoryFileStatus.TooLarge ? $"is larger than {InputLimits.MaxFileBytes:N0} bytes" : file.Status == RepositoryFileStatus.OutsideRepository ? "resolves outside the repository" : "not found in the repository")}",
                    at, pointer);
                continue;
            }

            var read = ComposeFileReader.Read(file.Text, options.Display(path));
            diagnostics.AddRange(read.Diagnostics);
            if (read.Succeeded)
            {
                inputs.Add(new ComposeInput(read.Value!, RepoPath.Directory(path)));
            }
        }

        if (diagnostics.Items.Skip(before).Any(d => d.IsError))
        {
            return null;
        }

        var project = ComposeProjectBuilder.Build(inputs, diagnostics, path => repository.ReadFile(path, InputLimits.MaxFileBytes) is { Exists: true, Text: { } text } ? text : null);
        if (project is null)
        {
            return null;
        }

        if (spec.Service is not { } service)
        {
            diagnostics.Error(DiagnosticCodes.ComposeServiceUnknown, "a compose workspace needs \"service\": the compose service the devcontainer applies to",
                document.Map.Locate("/dockerComposeFile"), "/dockerComposeFile");
            return null;
        }

        var names = project.Services.Select(s => s.Name).ToList();
        if (!names.Contains(service, StringComparer.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.ComposeServiceUnknown, $"service '{service}' is not in the compose files (services: {string.Join(", ", names)})",
                document.Map.ValueLocation("/service"), "/service");
            return null;
        }

        for (var i = 0; i < spec.RunServices.Count; i++)
        {
            if (!names.Contains(spec.RunServices[i], StringComparer.Ordinal))
            {
                diagnostics.Error(DiagnosticCodes.ComposeServiceUnknown, $"runServices names '{spec.RunServices[i]}', which is not in the compose files (services: {string.Join(", ", names)})",
                    document.Map.ValueLocation($"/runServices/{i}"), $"/runServices/{i}");
            }
        }

        if (diagnostics.Items.Skip(before).Any(d => d.IsError))
        {
            return null;
        }

        // As `docker compose up <services>`: the named services (all when runServices is empty), the devcontainer's service, and what they depend on.
        var selected = new HashSet<string>(spec.RunServices.Count > 0 ? spec.RunServices.Append(service) : names, StringComparer.Ordinal);
        foreach (var s in project.Services.AsEnumerable().Reverse())
        {
            if (selected.Contains(s.Name))
            {
                selected.UnionWith(s.DependsOn.Select(d => d.Service));
            }
        }

        var services = new List<ComposeService>();
        foreach (var s in project.Services.Where(s => selected.Contains(s.Name)))
        {
            if (s.Build is not { } build)
            {
                services.Add(s);
                continue;
            }

            var dockerfile = repository.ReadFile(build.DockerfilePath, InputLimits.MaxFileBytes);
            var at = document.Map.ValueLocation(listed ? "/dockerComposeFile/0" : "/dockerComposeFile");
            if (!dockerfile.Exists || dockerfile.Text is null)
            {
                diagnostics.Error(DiagnosticCodes.ReferencedFileMissing, $"{build.DockerfilePath} (the Dockerfile of compose service {s.Name}) not found in the repository", at);
                return null;
            }

            var hash = BuildContextCheck.Hash(repository, build, dockerfile.Text, options.MaxBuildContextBytes, at, diagnostics);
            if (hash is null)
            {
                return null;
            }

            services.Add(s with { Build = build with { ContextHash = hash } });
        }

        return project with { Services = services };
    }
}
