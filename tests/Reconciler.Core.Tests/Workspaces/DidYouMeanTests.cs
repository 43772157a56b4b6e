using Reconciler.Core.Schemas;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class DidYouMeanTests
{
    private static readonly string[] Keys = ["resources", "lifecycle", "labels", "idleTimeout", "ports"];

    [Theory]
    [InlineData("resorces", "resources")]
    [InlineData("Resources", "resources")]
    [InlineData("label", "labels")]
    [InlineData("idle", "idleTimeout")]
    [InlineData("lifecylce", "lifecycle")]
    [InlineData("port", "ports")]
    [InlineData("colour", null)]
    [InlineData("id", null)]
    public void Suggests_near_misses_and_prefixes_only(string typed, string? expected)
    {
        Assert.Equal(expected, DidYouMean.Suggest(typed, Keys));
    }
}
