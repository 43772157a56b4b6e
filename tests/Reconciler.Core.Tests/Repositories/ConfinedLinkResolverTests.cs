using Reconciler.Core.Repositories;

namespace Reconciler.Core.Tests.Repositories;

public sealed class ConfinedLinkResolverTests
{
    private static readonly Dictionary<string, string> Links = new()
    {
        [".daytona/workspace.yaml"] = "../real/w.yaml",
        [".daytona/dir"] = "../real",
        ["out/relative"] = "../../etc/passwd",
        ["out/absolute"] = "/etc/passwd",
        ["out/inside-absolute"] = "/repo/real/w.yaml",
        ["loop/a"] = "b",
        ["loop/b"] = "a",
        ["up/parent"] = "..",
    };

    [Theory]
    [InlineData("real/w.yaml", "real/w.yaml")]
    [InlineData("./real//w.yaml", "real/w.yaml")]
    [InlineData(".daytona/workspace.yaml", "real/w.yaml")]
    [InlineData(".daytona/dir/w.yaml", "real/w.yaml")]
    [InlineData(".daytona/dir/../x", "x")]
    [InlineData("up/parent/real", "real")]
    [InlineData("out/inside-absolute", "real/w.yaml")]
    [InlineData("", "")]
    public void Paths_inside_resolve(string path, string expected)
        => Assert.Equal(expected, Resolve(path));

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("out/relative")]
    [InlineData("out/absolute")]
    [InlineData("loop/a")]
    [InlineData("a\0b")]
    public void Paths_leaving_the_repository_or_looping_are_refused(string path)
        => Assert.Null(Resolve(path));

    [Fact]
    public void More_than_forty_links_are_refused_even_without_a_loop()
    {
        var chain = Enumerable.Range(0, 41).ToDictionary(i => $"l{i}", i => $"l{i + 1}");
        chain["l41"] = "file";

        // l1 → … → l41 → file follows 41 links; l2 → … → file follows exactly 40.
        Assert.Null(ConfinedLinkResolver.Resolve("l1", p => chain.GetValueOrDefault(p), _ => null));
        Assert.Equal("file", ConfinedLinkResolver.Resolve("l2", p => chain.GetValueOrDefault(p), _ => null));
    }

    private static string? Resolve(string path)
        => ConfinedLinkResolver.Resolve(
            path,
            p => Links.GetValueOrDefault(p),
            target => target.StartsWith("/repo/", StringComparison.Ordinal) ? target["/repo/".Length..] : null);
}
