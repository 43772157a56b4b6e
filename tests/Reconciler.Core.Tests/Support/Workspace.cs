using Reconciler.Core.Diagnostics;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Support;

internal static class Workspace
{
    public static WorkspaceFileSpec Parse(params string[] lines)
    {
        var result = WorkspaceFileParser.Parse(Yaml.Lines(lines), Yaml.File);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Value!;
    }

    /// <summary>Parses text that must fail, and returns the one diagnostic with <paramref name="code"/>.</summary>
    public static Diagnostic Error(string code, params string[] lines)
    {
        var result = WorkspaceFileParser.Parse(Yaml.Lines(lines), Yaml.File);
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.All(result.Diagnostics, d => Assert.NotNull(d.Location));
        Assert.All(result.Diagnostics, d => Assert.NotNull(d.JsonPointer));
        return Yaml.Single(result.Diagnostics, code);
    }
}
