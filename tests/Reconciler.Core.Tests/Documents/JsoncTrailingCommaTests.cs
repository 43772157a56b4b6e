using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Tests.Documents;

public sealed class JsoncTrailingCommaTests
{
    [Fact]
    public void Warns_at_each_trailing_comma_and_keeps_the_values()
    {
        var result = JsoncReader.Read("{\n  \"a\": [1, 2,],\n  \"b\": {\"c\": 3,  },\n}", Jsonc.File);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Value!.Root["a"]!.Count());
        Assert.All(result.Diagnostics, d => Assert.Equal((DiagnosticSeverity.Warning, DiagnosticCodes.TrailingComma), (d.Severity, d.Code)));
        Assert.Equal(3, result.Diagnostics.Count);
        Jsonc.AssertAt(result.Diagnostics[0].Location, 2, 13);
        Jsonc.AssertAt(result.Diagnostics[1].Location, 3, 15);
        Jsonc.AssertAt(result.Diagnostics[2].Location, 3, 19);
    }

    [Theory]
    [InlineData("[,]", 1, 2)]
    [InlineData("[1,,2]", 1, 4)]
    [InlineData("{,}", 1, 2)]
    public void A_comma_without_a_value_before_it_is_a_syntax_error(string text, int line, int column)
    {
        var error = Jsonc.SingleError(text);

        Assert.Equal(DiagnosticCodes.SyntaxError, error.Code);
        Jsonc.AssertAt(error.Location, line, column);
    }
}
