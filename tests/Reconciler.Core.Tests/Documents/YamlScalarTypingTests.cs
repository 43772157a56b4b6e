using Newtonsoft.Json.Linq;
using Reconciler.Core.Documents;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Documents;

public sealed class YamlScalarTypingTests
{
    [Theory]
    [InlineData("~", JTokenType.Null)]
    [InlineData("null", JTokenType.Null)]
    [InlineData("NULL", JTokenType.Null)]
    [InlineData("", JTokenType.Null)]
    [InlineData("true", JTokenType.Boolean)]
    [InlineData("True", JTokenType.Boolean)]
    [InlineData("FALSE", JTokenType.Boolean)]
    [InlineData("42", JTokenType.Integer)]
    [InlineData("-7", JTokenType.Integer)]
    [InlineData("0x1F", JTokenType.Integer)]
    [InlineData("0o17", JTokenType.Integer)]
    [InlineData("0.5", JTokenType.Float)]
    [InlineData("1e3", JTokenType.Float)]
    [InlineData(".inf", JTokenType.Float)]
    [InlineData("-.Inf", JTokenType.Float)]
    [InlineData(".nan", JTokenType.Float)]
    [InlineData("yes", JTokenType.String)]
    [InlineData("on", JTokenType.String)]
    [InlineData("10.0.0.5", JTokenType.String)]
    [InlineData("32Gi", JTokenType.String)]
    [InlineData("2026-01-01", JTokenType.String)]
    [InlineData("0755x", JTokenType.String)]
    public void Plain_scalars_follow_the_yaml_1_2_core_schema(string scalar, JTokenType expected)
    {
        var result = YamlDocumentReader.Read($"value: {scalar}\n", Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(expected, result.Value!.Root["value"]!.Type);
    }

    [Fact]
    public void Numbers_keep_their_value()
    {
        var root = YamlDocumentReader.Read(Yaml.Lines("a: 0x1F", "b: 0o17", "c: 0.5", "d: -.inf", "e: 123456789012"), Yaml.File).Value!.Root;

        Assert.Equal(31L, root["a"]!.Value<long>());
        Assert.Equal(15L, root["b"]!.Value<long>());
        Assert.Equal(0.5, root["c"]!.Value<double>());
        Assert.Equal(double.NegativeInfinity, root["d"]!.Value<double>());
        Assert.Equal(123456789012L, root["e"]!.Value<long>());
    }

    [Theory]
    [InlineData("'42'")]
    [InlineData("\"true\"")]
    [InlineData("\"~\"")]
    public void Quoted_scalars_are_always_strings(string scalar)
    {
        var result = YamlDocumentReader.Read($"value: {scalar}\n", Yaml.File);

        Assert.Equal(JTokenType.String, result.Value!.Root["value"]!.Type);
    }

    [Fact]
    public void Block_scalars_are_always_strings()
    {
        var result = YamlDocumentReader.Read(Yaml.Lines("value: |", "  42"), Yaml.File);

        Assert.Equal("42\n", (string?)result.Value!.Root["value"]);
    }
}
