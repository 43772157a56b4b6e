using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>
/// Reads a repository's workspace files through <see cref="IRepositoryContent"/> and compiles every
/// workspace. Everything is validated before anything can change: one error anywhere makes the whole
/// load invalid (<see cref="LoadedRepository.HasErrors"/>), and callers then change nothing.
/// </summary>
public static class WorkspaceLoader
{
    public const string DefaultWorkspaceFile = ".daytona/workspace.yaml";

    public static LoadedRepository Load(IRepositoryContent repository, LoaderOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var file = ReadText(repository, options.WorkspaceFile, options, diagnostics, null, "the workspace file");
        if (file is null)
        {
            return new LoadedRepository(repository.Identity, repository.Commit, null, [], diagnostics.Items);
        }

        var parsed = WorkspaceFileParser.Parse(file, options.Display(options.WorkspaceFile), options.Compiler.Storage);
        diagnostics.AddRange(parsed.Diagnostics);
        if (!parsed.Succeeded)
        {
            return new LoadedRepository(repository.Identity, repository.Commit, null, [], diagnostics.Items);
        }

        var workspaceFile = parsed.Value!;
        var desired = new List<DesiredWorkspace>(workspaceFile.Workspaces.Count);
        var effective = options.Policies.Count > 0 ? new List<EffectiveWorkspace>(workspaceFile.Workspaces.Count) : null;
        for (var index = 0; index < workspaceFile.Workspaces.Count; index++)
        {
            var workspace = workspaceFile.Workspaces[index];
            var at = workspaceFile.Document.Map.Locate($"/workspaces/{index}/devcontainer");
            var compiled = LoadWorkspace(repository, workspaceFile, index, at, options, diagnostics, effective);
            if (compiled is not null)
            {
                desired.Add(compiled);
            }
        }

        var violations = effective is null ? [] : PolicyEvaluator.Evaluate(options.Policies, effective);
        return new LoadedRepository(repository.Identity, repository.Commit, workspaceFile, PolicyBlocks.Apply(desired, violations), diagnostics.Items)
        {
            Violations = violations,
        };
    }

    private static DesiredWorkspace? LoadWorkspace(
        IRepositoryContent repository, WorkspaceFileSpec file, int index, SourceLocation at, LoaderOptions options, DiagnosticBag diagnostics,
        List<EffectiveWorkspace>? effective)
    {
        var workspace = file.Workspaces[index];
        var path = RepoPath.Combine("", workspace.Devcontainer);
        if (path is null)
        {
            diagnostics.Error(DiagnosticCodes.PathOutsideRepository, $"devcontainer path '{workspace.Devcontainer}' leaves the repository", at);
            return null;
        }

        var text = ReadText(repository, path, options, diagnostics, at, "the devcontainer file");
        if (text is null)
        {
            return null;
        }

        var key = new WorkspaceKey(repository.Identity, workspace.Name);
        var context = new SubstitutionContext(
            repository.LocalPath ?? "/workspaces/" + (repository.Identity.Split('/').LastOrDefault() ?? workspace.Name),
            DevcontainerId(key),
            options.LocalEnv,
            options.LocalEnvAllowList);
        var config = DevcontainerParser.Parse(text, options.Display(path), context);
        diagnostics.AddRange(config.Diagnostics);
        if (!config.Succeeded)
        {
            return null;
        }

        ResolvedBuild? build = null;
        string? dockerfileText = null;
        if (config.Value!.Build is { } buildSpec)
        {
            (build, dockerfileText) = ResolveBuild(repository, path, buildSpec, config.Value.Document, options, diagnostics);
            if (build is null)
            {
                return null;
            }
        }

        Compose.ComposeProject? compose = null;
        if (config.Value.Compose is { } composeSpec && config.Value.Build is null && string.IsNullOrWhiteSpace(config.Value.Image))
        {
            compose = ComposeLoader.Load(repository, path, composeSpec, config.Value.Document, options, diagnostics);
            if (compose is null)
            {
                return null;
            }
        }

        var result = DesiredStateCompiler.Compile(
            new CompileRequest(workspace, config.Value, path, repository.Identity, repository.Commit, build, dockerfileText,
                "/workspaces/" + Path.GetFileName(context.LocalWorkspaceFolder.TrimEnd('/')), compose),
            options.Compiler);
        diagnostics.AddRange(result.Diagnostics);
        if (result.Desired is not null)
        {
            effective?.Add(EffectiveWorkspaceBuilder.Build(file, index, config.Value, repository.Identity, context.LocalWorkspaceFolder));
        }

        return result.Desired;
    }

    private static (ResolvedBuild?, string?) ResolveBuild(
        IRepositoryContent repository, string devcontainerPath, BuildSpec spec, LocatedDocument document, LoaderOptions options, DiagnosticBag diagnostics)
    {
        var directory = RepoPath.Directory(devcontainerPath);
        var legacy = document.Root["build"] is null;
        var contextPointer = legacy ? "/context" : "/build/context";
        var dockerfilePointer = legacy ? "/dockerFile" : "/build/dockerfile";

        var context = RepoPath.Combine(directory, spec.Context ?? ".");
        if (context is null)
        {
            diagnostics.Error(DiagnosticCodes.PathOutsideRepository, $"build context '{spec.Context}' leaves the repository", document.Map.ValueLocation(contextPointer), contextPointer);
            return (null, null);
        }

        var dockerfile = RepoPath.Combine(directory, spec.Dockerfile);
        if (dockerfile is null)
        {
            diagnostics.Error(DiagnosticCodes.PathOutsideRepository, $"Dockerfile '{spec.Dockerfile}' is outside the repository", document.Map.ValueLocation(dockerfilePointer), dockerfilePointer);
            return (null, null);
        }

        var text = ReadText(repository, dockerfile, options, diagnostics, document.Map.ValueLocation(dockerfilePointer), "the Dockerfile");
        if (text is null)
        {
            return (null, null);
        }

        var build = new ResolvedBuild(context, dockerfile, spec.Args, spec.Target, spec.CacheFrom);
        var contextGiven = (legacy ? document.Root["context"] : document.Root["build"]?["context"]) is not null;
        var at = document.Map.ValueLocation(contextGiven ? contextPointer : dockerfilePointer);
        var hash = BuildContextCheck.Hash(repository, build, text, options.MaxBuildContextBytes, at, diagnostics);
        return hash is null ? (null, null) : (build with { ContextHash = hash }, text);
    }

    private static string? ReadText(
        IRepositoryContent repository, string path, LoaderOptions options, DiagnosticBag diagnostics, SourceLocation? referencedAt, string what)
    {
        var file = repository.ReadFile(path, InputLimits.MaxFileBytes);
        var self = SourceLocation.StartOf(options.Display(path));
        switch (file.Status)
        {
            case RepositoryFileStatus.Ok:
                return file.Text;
            case RepositoryFileStatus.OutsideRepository:
                diagnostics.Error(DiagnosticCodes.PathOutsideRepository, $"{path} ({what}) resolves outside the repository (a symlink or '..' that leaves it); refusing to read it", referencedAt ?? self);
                return null;
            case RepositoryFileStatus.TooLarge:
                diagnostics.Error(DiagnosticCodes.FileTooLarge, $"{path} ({what}) is {file.Size:N0} bytes; the limit is {InputLimits.MaxFileBytes:N0}", self);
                return null;
            case RepositoryFileStatus.NotAFile:
                diagnostics.Error(DiagnosticCodes.FileNotFound, $"{path} ({what}) is a directory, not a file", referencedAt ?? self);
                return null;
            default:
                diagnostics.Error(
                    referencedAt is null ? DiagnosticCodes.FileNotFound : DiagnosticCodes.ReferencedFileMissing,
                    $"{path} ({what}) not found in the repository",
                    referencedAt ?? self);
                return null;
        }
    }

    internal static string DevcontainerId(WorkspaceKey key)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16];
}
