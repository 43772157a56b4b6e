namespace Reconciler.Cli;

/// <summary>Process exit codes, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Policy violations, or workspaces that failed or are blocked.</summary>
    public const int NotConverged = 1;

    /// <summary>Invalid input (workspace files, configuration) or usage.</summary>
    public const int InvalidInput = 2;
}

/// <summary>A user error that ends the command with exit code 2 and a one-line message, never a stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);
