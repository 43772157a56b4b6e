using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Documents;

/// <summary>Hostile and malformed YAML is rejected with a located error, never an exception.</summary>
public sealed class YamlRejectionTests
{
    private static Diagnostic ReadError(string text, string code)
    {
        var result = YamlDocumentReader.Read(text, Yaml.File);
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        return Yaml.Single(result.Diagnostics, code);
    }

    [Theory]
    [InlineData("a: 1\n b: 2\n", 2, 3)]
    [InlineData("a: \"unterminated\nb: 1\n", 1, 4)]
    [InlineData("a:\n\t- x\n", 1, 1)]
    [InlineData("version: 1\nworkspaces:\n  - name: a\n  - name: [x\n", 5, 1)]
    [InlineData("- a\nb: 1\n", 2, 1)]
    public void Malformed_yaml_is_a_syntax_error_at_its_position(string text, int line, int column)
    {
        var error = ReadError(text, DiagnosticCodes.SyntaxError);

        Yaml.AssertAt(error, line, column);
        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("Line:", error.Message);
    }

    [Fact]
    public void A_scanner_failure_inside_yamldotnet_is_reported_where_reading_stopped()
    {
        // YamlDotNet throws InvalidOperationException (not YamlException) for this unclosed flow list.
        var error = ReadError(Yaml.Lines("version: 1", "workspaces:", "  - name: [trainer", "other: 1"), DiagnosticCodes.SyntaxError);

        Yaml.AssertAt(error, 3, 11);
        Assert.StartsWith("invalid YAML after this point", error.Message);
    }

    [Fact]
    public void Anchors_are_rejected()
    {
        var error = ReadError(Yaml.Lines("base: &b", "  cpu: 1", "other: 2"), DiagnosticCodes.YamlAnchorOrAlias);

        Yaml.AssertAt(error, 1, 7);
        Assert.Contains("&b", error.Message);
    }

    [Fact]
    public void Aliases_are_rejected()
    {
        var result = YamlDocumentReader.Read(Yaml.Lines("base: &b 1", "copy: *b"), Yaml.File);

        var errors = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.YamlAnchorOrAlias).ToList();
        Assert.Equal(2, errors.Count);
        Yaml.AssertAt(errors[1], 2, 7);
        Assert.Contains("*b", errors[1].Message);
    }

    [Fact]
    public void A_billion_laughs_bomb_is_rejected_without_expansion()
    {
        var lines = new List<string> { "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            lines.Add($"{c}: &{c} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]");
        }

        var result = YamlDocumentReader.Read(Yaml.Lines([.. lines]), Yaml.File);

        Assert.Null(result.Value);
        Yaml.AssertAt(result.Diagnostics[0], 1, 4);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.YamlAnchorOrAlias, d.Code));
    }

    [Theory]
    [InlineData("value: !!str 42", 1, 8)]
    [InlineData("value: !custom x", 1, 8)]
    [InlineData("value: !!map { a: 1 }", 1, 8)]
    public void Tags_are_rejected(string text, int line, int column)
    {
        Yaml.AssertAt(ReadError(text + "\n", DiagnosticCodes.YamlTag), line, column);
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_the_second_naming_the_first_line()
    {
        var error = ReadError(Yaml.Lines("version: 1", "workspaces:", "  - name: a", "    name: b"), DiagnosticCodes.DuplicateKey);

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("/workspaces/0/name", error.JsonPointer);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Complex_keys_are_rejected()
    {
        var error = ReadError(Yaml.Lines("? [a, b]", ": 1"), DiagnosticCodes.SyntaxError);

        Assert.Equal(1, error.Location!.Line);
    }

    [Fact]
    public void More_than_one_document_is_rejected()
    {
        var error = ReadError(Yaml.Lines("version: 1", "---", "version: 2"), DiagnosticCodes.SyntaxError);

        Yaml.AssertAt(error, 2, 1);
        Assert.Contains("more than one", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("\uFEFF")]
    [InlineData("---\n")]
    public void An_empty_file_is_an_error(string text)
    {
        var error = ReadError(text, DiagnosticCodes.SyntaxError);

        Yaml.AssertAt(error, 1, 1);
        Assert.Equal("file is empty", error.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_without_parsing()
    {
        var text = "a: [" + new string('[', 10) + string.Concat(Enumerable.Repeat("x, ", 2 * 1024 * 1024 / 3));

        var error = ReadError(text, DiagnosticCodes.FileTooLarge);

        Yaml.AssertAt(error, 1, 1);
    }

    [Fact]
    public void Multi_byte_characters_count_as_bytes_for_the_size_limit()
    {
        var text = "a: \"" + new string('é', (InputLimits.MaxFileBytes / 2) + 10) + "\"\n";

        Assert.True(text.Length < InputLimits.MaxFileBytes);
        ReadError(text, DiagnosticCodes.FileTooLarge);
    }
}
