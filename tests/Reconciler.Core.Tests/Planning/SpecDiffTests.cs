using Reconciler.Core.Planning;

namespace Reconciler.Core.Tests.Planning;

public sealed class SpecDiffTests
{
    [Fact]
    public void Lists_changed_added_and_removed_fields()
    {
        var before = new Dictionary<string, string> { ["image"] = "a", ["capAdd"] = "SYS_PTRACE", ["init"] = "true" };
        var after = new Dictionary<string, string> { ["image"] = "b", ["init"] = "true", ["privileged"] = "true" };

        Assert.Equal(["image changed", "privileged added", "capAdd removed"], SpecDiff.Describe(before, after));
    }

    [Fact]
    public void Caps_the_number_of_reasons()
    {
        var after = Enumerable.Range(0, 20).ToDictionary(i => $"containerEnv.V{i:D2}", i => "x");

        var reasons = SpecDiff.Describe(new Dictionary<string, string>(), after);

        Assert.Equal(9, reasons.Count);
        Assert.Equal("and 12 more", reasons[^1]);
    }

    [Fact]
    public void Missing_recorded_fields_still_explain_the_recreate()
        => Assert.Single(SpecDiff.Describe(null, new Dictionary<string, string>()));
}
