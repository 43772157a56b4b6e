namespace Reconciler.Core.Documents;

/// <summary>
/// Caps on user files. They exist so that a hostile or broken file is rejected with a clear error instead
/// of exhausting memory or the stack of a worker that serves many repositories.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest workspace.yaml or devcontainer.json accepted (1 MiB; real ones are a few KiB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 64;
}
