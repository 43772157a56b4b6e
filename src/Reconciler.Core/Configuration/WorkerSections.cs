using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Configuration;

/// <summary>One tracked repository (<c>repositories[]</c>).</summary>
/// <param name="Url">Clone URL without credentials (the parser refuses user info).</param>
/// <param name="Location">Where the entry starts in the configuration file, for start-up errors.</param>
public sealed record RepositoryConfig(
    string Url,
    IReadOnlyList<string> Branches,
    string Path,
    TimeSpan PollInterval,
    SecretReference? Credentials,
    SourceLocation? Location = null)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(3);
}

public enum SecretSource
{
    EnvironmentVariable,
    File,
}

/// <summary>
/// Where a secret is kept: the name of an environment variable or the path of a file. The secret itself never
/// appears in the configuration, so this record (and its <see cref="ToString"/>) is safe to log.
/// </summary>
/// <param name="Location">Where the reference is written, so a missing variable or file is reported at that line.</param>
public sealed record SecretReference(SecretSource Source, string Name, SourceLocation? Location = null)
{
    public override string ToString() => Source == SecretSource.EnvironmentVariable ? $"environment variable {Name}" : $"file {Name}";
}

/// <summary><c>server</c>: the HTTP listener for webhooks and health probes.</summary>
public sealed record ServerConfig(string Listen = ServerConfig.DefaultListen)
{
    public const string DefaultListen = "http://127.0.0.1:8080";
}

/// <summary><c>webhooks</c>: where the secret is and how large a delivery may be (null: the handler's default).</summary>
public sealed record WebhooksConfig(SecretReference Secret, int? MaxBodyBytes = null);

/// <summary><c>worker</c>: the reconcile loop. A null <see cref="CacheDir"/> means <c>git-cache</c> beside the configuration file.</summary>
public sealed record WorkerLoopConfig
{
    public static readonly TimeSpan DefaultResyncInterval = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    public int Concurrency { get; init; } = 4;

    public TimeSpan ResyncInterval { get; init; } = DefaultResyncInterval;

    public TimeSpan ShutdownTimeout { get; init; } = DefaultShutdownTimeout;

    public string? CacheDir { get; init; }
}
