using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>Entry point used only when the crash tests start this assembly as a child process.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
        => args is [CrashWriter.Command, var databasePath]
            ? CrashWriter.RunAsync(databasePath)
            : Task.FromResult(Usage());

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: {CrashWriter.Command} <database path>   (test helper; tests run through dotnet test)");
        return 2;
    }
}
