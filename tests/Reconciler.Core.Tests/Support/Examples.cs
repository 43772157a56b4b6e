using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Support;

/// <summary>The example files under <c>docs/examples/</c>, which the documentation shows.</summary>
internal static class Examples
{
    public static string Workspace => Path.Combine(TestPaths.RepositoryRoot, "docs", "examples", "workspace.yaml");

    public static string Config => Path.Combine(TestPaths.RepositoryRoot, "docs", "examples", "reconciler.yaml");
}
