namespace Reconciler.TestKit;

/// <summary>Locates the repository root and the shared fixtures folder beside it.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding Reconciler.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>../shared/fixtures</c> beside the checkout, or <c>$RECONCILER_SHARED/fixtures</c>.</summary>
    public static string Fixtures
    {
        get
        {
            var shared = Environment.GetEnvironmentVariable("RECONCILER_SHARED") is { Length: > 0 } configured
                ? configured
                : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            var fixtures = Path.Combine(shared, "fixtures");
            if (!Directory.Exists(fixtures))
            {
                throw new DirectoryNotFoundException($"Shared fixtures not found at {fixtures}; set RECONCILER_SHARED.");
            }

            return fixtures;
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reconciler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}
