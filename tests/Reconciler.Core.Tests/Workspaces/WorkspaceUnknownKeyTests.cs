using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class WorkspaceUnknownKeyTests
{
    [Fact]
    public void A_misspelt_key_is_located_and_gets_a_suggestion()
    {
        var error = Workspace.Error(DiagnosticCodes.UnknownKey,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    resorces: { cpu: 8 }");

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("/workspaces/0/resorces", error.JsonPointer);
        Assert.Equal("unknown key 'resorces' in workspaces[0]; did you mean 'resources'?", error.Message);
    }

    [Fact]
    public void A_prefix_is_enough_for_a_suggestion()
    {
        var error = Workspace.Error(DiagnosticCodes.UnknownKey,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    lifecycle:",
            "      idle: 2h");

        Yaml.AssertAt(error, 5, 7);
        Assert.EndsWith("did you mean 'idleTimeout'?", error.Message);
    }

    [Fact]
    public void Without_a_close_match_the_allowed_keys_are_listed()
    {
        var error = Workspace.Error(DiagnosticCodes.UnknownKey, "version: 1", "colour: blue");

        Yaml.AssertAt(error, 2, 1);
        Assert.Equal("unknown key 'colour' at the top level; allowed keys: version, defaults, prune, workspaces", error.Message);
    }

    [Fact]
    public void Defaults_may_not_hold_a_name()
    {
        var error = Workspace.Error(DiagnosticCodes.UnknownKey, "version: 1", "defaults:", "  name: x");

        Yaml.AssertAt(error, 3, 3);
        Assert.Equal("/defaults/name", error.JsonPointer);
    }
}
