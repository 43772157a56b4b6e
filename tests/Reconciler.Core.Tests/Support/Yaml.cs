using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Support;

/// <summary>Builds YAML test inputs line by line, so line numbers in assertions can be counted.</summary>
internal static class Yaml
{
    public const string File = "ws.yaml";

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>The single diagnostic with <paramref name="code"/>; fails listing all diagnostics otherwise.</summary>
    public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code)
    {
        var matching = diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count == 1, $"expected one {code}, got:\n{string.Join('\n', diagnostics)}");
        return matching[0];
    }

    public static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        Assert.NotNull(diagnostic.Location);
        Assert.True(diagnostic.Location!.Line == line && diagnostic.Location.Column == column,
            $"expected {File}:{line}:{column}, got {diagnostic}");
        Assert.Equal(File, diagnostic.Location.File);
        Assert.NotNull(diagnostic.JsonPointer);
    }
}
