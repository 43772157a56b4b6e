using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

/// <summary>Small helpers for parsing devcontainer.json text in tests.</summary>
internal static class Devcontainer
{
    public const string File = ".devcontainer/devcontainer.json";

    public static SubstitutionContext Context => SubstitutionContext.Empty("/src/my-app", "dc-id-1");

    public static ParseResult<DevcontainerConfig> Parse(string text, SubstitutionContext? context = null)
        => DevcontainerParser.Parse(text, File, context ?? Context);

    /// <summary>Parses and requires success with no diagnostics at all.</summary>
    public static DevcontainerConfig Clean(string text, SubstitutionContext? context = null)
    {
        var result = Parse(text, context);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return result.Value!;
    }

    /// <summary>Parses and requires exactly one diagnostic, returned.</summary>
    public static Diagnostic Single(string text, SubstitutionContext? context = null)
        => Assert.Single(Parse(text, context).Diagnostics);

    public static void AssertAt(SourceLocation? location, int line, int column)
    {
        Assert.NotNull(location);
        Assert.Equal((File, line, column), (location!.File, location.Line, location.Column));
    }
}
