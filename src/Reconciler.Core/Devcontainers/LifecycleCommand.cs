namespace Reconciler.Core.Devcontainers;

public enum LifecycleCommandForm
{
    /// <summary>A string: run through <c>/bin/sh -c</c>.</summary>
    Shell,

    /// <summary>An array: run directly, without a shell.</summary>
    Exec,

    /// <summary>An object: each named command runs in parallel.</summary>
    Parallel,
}

/// <summary>A devcontainer lifecycle command in one of its three forms.</summary>
public sealed record LifecycleCommand(
    LifecycleCommandForm Form,
    string? Shell = null,
    IReadOnlyList<string>? Exec = null,
    IReadOnlyDictionary<string, LifecycleCommand>? Parallel = null)
{
    public static LifecycleCommand FromShell(string command) => new(LifecycleCommandForm.Shell, Shell: command);

    public static LifecycleCommand FromExec(IReadOnlyList<string> argv) => new(LifecycleCommandForm.Exec, Exec: argv);

    /// <summary>The argv to execute for a Shell or Exec command.</summary>
    public IReadOnlyList<string> ToArgv() => Form switch
    {
        LifecycleCommandForm.Shell => ["/bin/sh", "-c", Shell!],
        LifecycleCommandForm.Exec => Exec!,
        _ => throw new InvalidOperationException("A parallel command has no single argv; run each entry."),
    };
}
