using System.Text.RegularExpressions;
using CsCheck;
using Reconciler.Core.Policies;

namespace Reconciler.Core.Tests.Policies;

/// <summary>The placeholder scan replaces exactly what <c>\{([A-Za-z_]+)\}</c> matches and knows, and keeps the rest.</summary>
public sealed class MessageTemplateTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal) { ["workspace"] = "dev", ["value"] = "{x}", ["a_b"] = "" };

    [Theory]
    [InlineData("workspace {workspace}: {value} ({unknown})", "workspace dev: {x} ({unknown})")]
    [InlineData("{{workspace}}", "{dev}")]
    [InlineData("{ workspace} {workspace", "{ workspace} {workspace")]
    [InlineData("{a_b}{}{1}", "{}{1}")]
    [InlineData("no placeholders", "no placeholders")]
    public void Renders_known_placeholders(string template, string expected)
        => Assert.Equal(expected, MessageTemplate.Render(template, Values));

    [Fact]
    public void Matches_the_regular_expression_on_random_templates()
    {
        var regex = new Regex(@"\{([A-Za-z_]+)\}");
        Gen.OneOf(Gen.Const("{"), Gen.Const("}"), Gen.Const("workspace"), Gen.Const("value"), Gen.Const("a_b"), Gen.Const("x"), Gen.Const(" "), Gen.Const("1"), Gen.Const("é"))
            .Array[0, 12].Select(parts => string.Concat(parts))
            .Sample(template => Assert.Equal(
                regex.Replace(template, m => Values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value),
                MessageTemplate.Render(template, Values)), iter: 5000);
    }
}
