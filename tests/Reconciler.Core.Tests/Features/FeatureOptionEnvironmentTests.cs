using Newtonsoft.Json.Linq;
using Reconciler.Core.Features;

namespace Reconciler.Core.Tests.Features;

public sealed class FeatureOptionEnvironmentTests
{
    [Theory]
    [InlineData("version", "VERSION")]
    [InlineData("installZsh", "INSTALLZSH")]
    [InlineData("node-gyp.deps", "NODE_GYP_DEPS")]
    [InlineData("3d_tools", "_D_TOOLS")]
    [InlineData("über", "_BER")]
    public void Option_names_become_variables_as_the_spec_defines(string option, string variable)
        => Assert.Equal(variable, FeatureOptionEnvironment.VariableName(option));

    [Fact]
    public void Defaults_are_overridden_by_the_users_values_and_unknown_options_are_passed_on()
    {
        var manifest = FeatureManifestParser.Parse("""
            { "id": "tool", "options": { "version": { "type": "string", "default": "latest" }, "zsh": { "type": "boolean", "default": true }, "none": { "type": "string" } } }
            """, "tool/devcontainer-feature.json").Value!;
        var errors = new List<string>();

        var env = FeatureOptionEnvironment.Build(manifest, JObject.Parse("""{ "zsh": false, "extra-thing": "x" }"""), errors);

        Assert.Empty(errors);
        Assert.Equal([new("VERSION", "latest"), new("ZSH", "false"), new KeyValuePair<string, string>("EXTRA_THING", "x")], env);
    }

    [Fact]
    public void A_manifest_without_an_id_is_a_located_error()
    {
        var parsed = FeatureManifestParser.Parse("{\n  \"version\": \"1.0.0\",\n  \"options\": { \"x\": { \"type\": \"number\" } }\n}", "f/devcontainer-feature.json");

        Assert.False(parsed.Succeeded);
        Assert.Equal(
            ["f/devcontainer-feature.json:1:1: error RC0125: devcontainer-feature.json needs \"id\" (a non-empty string)",
             "f/devcontainer-feature.json:3:16: error RC0125: option 'x' needs \"type\": \"boolean\" or \"string\""],
            parsed.Diagnostics.Select(d => d.ToString()));
    }
}
