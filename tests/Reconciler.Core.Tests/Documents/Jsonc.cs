using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Tests.Documents;

/// <summary>Small helpers for reading JSONC in tests.</summary>
internal static class Jsonc
{
    public const string File = "devcontainer.json";

    public static LocatedDocument ReadOk(string text)
    {
        var result = JsoncReader.Read(text, File);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Value!;
    }

    public static Diagnostic SingleError(string text)
    {
        var result = JsoncReader.Read(text, File);
        Assert.Null(result.Value);
        return Assert.Single(result.Diagnostics, d => d.IsError);
    }

    public static void AssertAt(SourceLocation? location, int line, int column)
    {
        Assert.NotNull(location);
        Assert.Equal((File, line, column), (location!.File, location.Line, location.Column));
    }
}
