using System.CommandLine;

namespace Reconciler.Cli.Commands;

internal static class RepositoryArgument
{
    public static Argument<string> Create() => new("repo")
    {
        Description = "Path of a local checkout that contains .daytona/workspace.yaml",
    };
}
