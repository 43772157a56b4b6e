using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Tests.Documents;

public sealed class SourceMapAliasTests
{
    private static readonly SourceLocation DefaultsGpu = new("f", 3, 3);
    private static readonly SourceLocation DefaultsProfile = new("f", 4, 5);
    private static readonly SourceLocation WorkspaceGpu = new("f", 7, 5);

    private static SourceMap Map()
    {
        var map = new SourceMap("f");
        map.SetKey("/defaults/gpu", DefaultsGpu);
        map.SetKey("/defaults/gpu/profile", DefaultsProfile);
        map.SetValue("/defaults/gpu/profile", DefaultsProfile with { Column = 14 });
        map.SetKey("/workspaces/0/gpu", WorkspaceGpu);
        return map;
    }

    [Fact]
    public void Aliased_pointers_locate_to_the_source_and_own_locations_win()
    {
        var map = Map();
        map.Alias("/defaults/gpu/profile", "/workspaces/0/gpu/profile");

        Assert.Equal(DefaultsProfile, map.Locate("/workspaces/0/gpu/profile"));
        Assert.Equal(DefaultsProfile with { Column = 14 }, map.ValueLocation("/workspaces/0/gpu/profile"));
        Assert.Equal(WorkspaceGpu, map.Locate("/workspaces/0/gpu"));
        Assert.Equal(WorkspaceGpu, map.Locate("/workspaces/0/gpu/count"));
    }

    [Fact]
    public void A_whole_subtree_can_be_aliased()
    {
        var map = Map();
        map.Alias("/defaults", "/workspaces/1");

        Assert.Equal(DefaultsProfile, map.Locate("/workspaces/1/gpu/profile"));
        Assert.Equal(DefaultsGpu, map.Locate("/workspaces/1/gpu/count"));
    }

    [Fact]
    public void Alias_cycles_do_not_loop()
    {
        var map = new SourceMap("f");
        map.Alias("/a", "/b");
        map.Alias("/b", "/a");

        Assert.Equal(SourceLocation.StartOf("f"), map.Locate("/a/x"));
    }
}
