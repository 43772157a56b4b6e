using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Documents;

public sealed class JsoncSyntaxErrorTests
{
    [Theory]
    [InlineData("", 1, 1, "empty document")]
    [InlineData("  // nothing\n", 2, 1, "empty document")]
    [InlineData("{\n  \"a\": \"abc\n}", 2, 8, "unterminated string")]
    [InlineData("{\"a\": \"abc", 1, 7, "unterminated string")]
    [InlineData("{ /* open\n\n", 1, 3, "unterminated block comment")]
    [InlineData("[\"a\\qb\"]", 1, 4, "bad escape '\\q'")]
    [InlineData("[\"\\u12G4\"]", 1, 3, "four hex digits")]
    [InlineData("[01]", 1, 2, "leading zeros")]
    [InlineData("[1.]", 1, 2, "after '.'")]
    [InlineData("[-]", 1, 2, "expected a digit")]
    [InlineData("[1e+]", 1, 2, "exponent")]
    [InlineData("[12abc]", 1, 2, "invalid number '12abc'")]
    [InlineData("[1e999]", 1, 2, "out of range")]
    [InlineData("{\"a\" 1}", 1, 6, "expected ':'")]
    [InlineData("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'")]
    [InlineData("[1 2]", 1, 4, "expected ',' or ']'")]
    [InlineData("{a: 1}", 1, 2, "expected a property name")]
    [InlineData("{'a': 1}", 1, 2, "unexpected character \"'\"")]
    [InlineData("{\"a\": tru}", 1, 7, "unexpected 'tru'")]
    [InlineData("{\"a\": }", 1, 7, "expected a value")]
    [InlineData("{\"a\": 1}}", 1, 9, "after the end of the document")]
    [InlineData("{} x", 1, 4, "unexpected 'x'")]
    [InlineData("[1,\n  2\n", 3, 1, "expected ',' or ']'")]
    [InlineData("{\"a\":\n\"\u0001\"}", 2, 2, "control character U+0001")]
    [InlineData("/ {}", 1, 1, "unexpected character '/'")]
    public void Reports_the_first_error_exactly(string text, int line, int column, string expected)
    {
        var error = Jsonc.SingleError(text);

        Assert.Equal(DiagnosticCodes.SyntaxError, error.Code);
        Jsonc.AssertAt(error.Location, line, column);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_tab_inside_a_string_is_accepted()
        => Assert.Equal("a\tb", (string?)Jsonc.ReadOk("\"a\tb\"").Root);
}
