using System.CommandLine;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Configuration;
using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker;
using Reconciler.Source.FileSystem;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Cli.Hosting;

/// <summary>
/// What one command invocation works with: the configuration, the Docker endpoints by host name, logging, and the
/// worker's <see cref="RuntimeSet"/> built from the same configuration (Docker endpoints, libvirt hosts, Kubernetes
/// clusters), so every command reaches every runtime kind as <c>reconciler run</c> does. Runtimes are created lazily
/// so <c>validate</c> never talks to an engine.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private const string DefaultSocket = "unix:///var/run/docker.sock";
    private readonly string _configDirectory;
    private RuntimeSet? _runtimes;

    private CliSession(ReconcilerConfig config, IReadOnlyDictionary<string, string> endpoints, string configDirectory, ILoggerFactory loggers)
    {
        Config = config;
        Endpoints = endpoints;
        _configDirectory = configDirectory;
        Loggers = loggers;
    }

    public ReconcilerConfig Config { get; }

    /// <summary>Docker endpoint by host name; always has <c>default</c>.</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; }

    public ILoggerFactory Loggers { get; }

    /// <summary>GPU inventory files by host (<c>--gpu-inventory</c>): they replace the configured source of that host.</summary>
    public IReadOnlyDictionary<string, string> GpuInventoryFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    public static CliSession Open(ParseResult parse)
    {
        var loggers = CliLogging.Create(parse.GetValue(GlobalOptions.LogFormat) ?? "text", parse.GetValue(GlobalOptions.Verbose));
        var configFile = parse.GetValue(GlobalOptions.Config);
        var config = LoadConfig(configFile);
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, endpoint) in config.DockerHosts)
        {
            endpoints[name] = endpoint.Endpoint;
        }

        var overrideHost = parse.GetValue(GlobalOptions.DockerHost);
        if (!string.IsNullOrWhiteSpace(overrideHost))
        {
            endpoints["default"] = overrideHost;
        }
        else if (!endpoints.ContainsKey("default"))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("DOCKER_HOST");
            endpoints["default"] = string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultSocket : fromEnvironment;
        }

        return new CliSession(config, endpoints, configFile?.DirectoryName ?? Directory.GetCurrentDirectory(), loggers)
        {
            GpuInventoryFiles = GpuFiles(parse.GetValue(GlobalOptions.GpuInventory) ?? []),
            Out = parse.InvocationConfiguration.Output,
            Error = parse.InvocationConfiguration.Error,
        };
    }

    public LoadedRepository LoadRepository(string path, IReadOnlyList<Core.Policies.Policy>? policies = null)
    {
        LocalCheckoutContent content;
        try
        {
            content = new LocalCheckoutContent(path);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException($"repository folder not found: {path}");
        }

        Repository = content;
        var allowList = Config.LocalEnvAllowList;
        var localEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in allowList)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                localEnv[name] = value;
            }
        }

        return WorkspaceLoader.Load(content, new LoaderOptions
        {
            Compiler = new CompilerOptions(DockerHostNames)
            {
                VmHosts = Config.LibvirtHosts.Keys.ToHashSet(StringComparer.Ordinal),
                KubernetesHosts = Config.KubernetesClusters.Keys.ToHashSet(StringComparer.Ordinal),
                Storage = Config.Storage.References,
            },
            LocalEnv = localEnv,
            LocalEnvAllowList = allowList,
            Policies = policies ?? [],
            DisplayRoot = Path.GetRelativePath(Environment.CurrentDirectory, content.LocalPath!) is var shown && shown != "." ? shown : "",
        });
    }

    /// <summary>The repository last loaded (its content is needed to seed volumes and build).</summary>
    public LocalCheckoutContent? Repository { get; private set; }

    /// <summary>Docker endpoints that are not replaced by a Kubernetes cluster of the same name (as in the worker).</summary>
    public IReadOnlySet<string> DockerHostNames => Endpoints.Keys.Where(h => !Config.KubernetesClusters.ContainsKey(h)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every configured runtime, created on first use, with the storage secrets of the configuration (ceph keys, S3 keys).</summary>
    public RuntimeSet Runtimes => _runtimes ??= new RuntimeSet(Config, Endpoints, _configDirectory, Loggers, storage: ReadStorageSecrets());

    /// <summary>
    /// The secrets <c>storage.credentials</c> and <c>storage.s3</c> name, read from the environment or files as the worker
    /// does. One that cannot be read is a warning here, not an error: commands that apply nothing do not need it, and a
    /// volume that names it fails to apply with <c>StorageCredentialsMissing</c> or <c>S3EndpointMissing</c>.
    /// </summary>
    private Worker.Configuration.StorageSecrets ReadStorageSecrets()
    {
        var diagnostics = new List<Diagnostic>();
        var storage = Worker.Configuration.StorageSecretsReader.Read(Config.Storage, _configDirectory, diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Error.WriteLine(Diagnostic.Warning(diagnostic.Code, diagnostic.Message + " (volumes that name it cannot be applied)", diagnostic.Location, diagnostic.JsonPointer));
        }

        return storage;
    }

    /// <summary>The runtime (Docker, libvirt or Kubernetes) of a host name.</summary>
    public IWorkspaceRuntime Runtime(string host) => Runtimes.Runtime(host);

    /// <summary>The Docker runtime of a Docker host (GPU inventory and holders).</summary>
    public DockerWorkspaceRuntime Docker(string host) => Runtimes[host];

    public long MutatingCalls => _runtimes?.MutatingCalls ?? 0;

    public void Dispose()
    {
        _runtimes?.Dispose();
        Loggers.Dispose();
    }

    private static Dictionary<string, string> GpuFiles(string[] values)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var (host, path) = eq > 0 ? (value[..eq], value[(eq + 1)..]) : ("default", value);
            if (!files.TryAdd(host, path))
            {
                throw new UsageException($"--gpu-inventory names host '{host}' twice");
            }
        }

        return files;
    }

    private static ReconcilerConfig LoadConfig(FileInfo? file)
    {
        if (file is null)
        {
            return ReconcilerConfig.Default;
        }

        if (!file.Exists)
        {
            throw new UsageException($"configuration file not found: {file.FullName}");
        }

        if (file.Length > Core.Documents.InputLimits.MaxFileBytes)
        {
            throw new UsageException($"{file.Name}:1:1: error {DiagnosticCodes.FileTooLarge}: configuration file is too large");
        }

        var parsed = ReconcilerConfigParser.Parse(File.ReadAllText(file.FullName), file.ToString());
        if (!parsed.Succeeded)
        {
            throw new InvalidInputException(parsed.Diagnostics);
        }

        return parsed.Value!;
    }
}

/// <summary>Invalid configuration or workspace files: printed as located diagnostics, exit code 2.</summary>
internal sealed class InvalidInputException(IReadOnlyList<Diagnostic> diagnostics) : Exception("invalid input")
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
