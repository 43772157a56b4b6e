using Reconciler.Core.Features;

namespace Reconciler.Core.Tests.Features;

public sealed class FeatureInstallOrderTests
{
    private static FeatureNode Node(string resource, string[]? dependsOn = null, string[]? installsAfter = null)
        => new(resource, "{}", resource, [.. (dependsOn ?? []).Select(d => (d, "{}"))], installsAfter ?? [], [resource[(resource.LastIndexOf('/') + 1)..]]);

    [Fact]
    public void DependsOn_and_installsAfter_come_first_and_ties_sort_by_resource()
    {
        var c = Node("r.io/ns/c");
        var b = Node("r.io/ns/b", installsAfter: ["r.io/ns/c"]);
        var a = Node("r.io/ns/a", dependsOn: ["r.io/ns/b"]);
        var d = Node("r.io/ns/d");

        var order = FeatureInstallOrder.Compute([a, b, c, d], [], out _);

        Assert.Equal(["r.io/ns/c", "r.io/ns/d", "r.io/ns/b", "r.io/ns/a"], order!.Select(n => n.Resource));
    }

    [Fact]
    public void An_installsAfter_naming_an_absent_Feature_does_not_wait()
    {
        var order = FeatureInstallOrder.Compute([Node("r.io/ns/b", installsAfter: ["r.io/ns/missing"]), Node("r.io/ns/a")], [], out _);

        Assert.Equal(["r.io/ns/a", "r.io/ns/b"], order!.Select(n => n.Resource));
    }

    [Fact]
    public void OverrideFeatureInstallOrder_puts_named_Features_first_within_the_constraints()
    {
        var order = FeatureInstallOrder.Compute([Node("r.io/ns/a"), Node("r.io/ns/b"), Node("r.io/ns/z")], ["r.io/ns/z", "r.io/ns/b"], out _);

        Assert.Equal(["r.io/ns/z", "r.io/ns/b", "r.io/ns/a"], order!.Select(n => n.Resource));
    }

    [Fact]
    public void A_cycle_returns_the_Features_that_wait_on_each_other()
    {
        var order = FeatureInstallOrder.Compute(
            [Node("r.io/ns/a", dependsOn: ["r.io/ns/b"]), Node("r.io/ns/b", installsAfter: ["r.io/ns/a"]), Node("r.io/ns/free")], [], out var cycle);

        Assert.Null(order);
        Assert.Equal(["r.io/ns/a", "r.io/ns/b"], cycle.Select(n => n.Resource).Order(StringComparer.Ordinal));
    }
}
