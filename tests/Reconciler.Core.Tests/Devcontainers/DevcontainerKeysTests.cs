using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class DevcontainerKeysTests
{
    [Fact]
    public void An_unknown_top_level_key_is_a_warning_at_the_key()
    {
        var result = Devcontainer.Parse("{\n  \"image\": \"x\",\n  \"imagee\": \"y\"\n}");

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, DiagnosticCodes.UnknownKey), (warning.Severity, warning.Code));
        Assert.Contains("\"imagee\"", warning.Message, StringComparison.Ordinal);
        Devcontainer.AssertAt(warning.Location, 3, 3);
    }

    [Theory]
    [InlineData("\"otherPortsAttributes\": {}")]
    [InlineData("\"userEnvProbe\": \"none\"")]
    [InlineData("\"secrets\": {}")]
    [InlineData("\"$schema\": \"x\"")]
    [InlineData("\"extensions\": [\"a\"]")]
    [InlineData("\"settings\": {}")]
    [InlineData("\"overrideFeatureInstallOrder\": [\"a\"]")]
    [InlineData("\"devPort\": 8000")]
    public void Spec_keys_that_are_not_modelled_are_accepted_silently(string member)
        => Devcontainer.Clean("{ \"image\": \"x\", " + member + " }");

    [Fact]
    public void InitializeCommand_is_recorded_and_warned_about_at_the_key()
    {
        var result = Devcontainer.Parse("{\n  \"image\": \"x\",\n    \"initializeCommand\": [\"echo\", \"hi\"]\n}");

        Assert.True(result.Succeeded);
        Assert.Equal(["echo", "hi"], result.Value!.InitializeCommand!.Exec);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticSeverity.Warning, DiagnosticCodes.InitializeCommandIgnored), (warning.Severity, warning.Code));
        Assert.Equal("initializeCommand is never executed: it would run on the Reconciler host", warning.Message);
        Devcontainer.AssertAt(warning.Location, 3, 5);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_a_wrong_type()
    {
        var error = Devcontainer.Single("[1]");

        Assert.Equal(DiagnosticCodes.WrongType, error.Code);
        Devcontainer.AssertAt(error.Location, 1, 1);
    }

    [Fact]
    public void Syntax_errors_come_from_the_reader()
        => Assert.Equal(DiagnosticCodes.SyntaxError, Devcontainer.Single("{\"image\": }").Code);

    [Fact]
    public void An_unknown_build_key_is_a_warning()
        => Assert.Equal(DiagnosticCodes.UnknownKey, Devcontainer.Single("""{ "build": { "dockerfile": "D", "dockerFile": "E" } }""").Code);

    [Theory]
    [InlineData("shutdownAction", "stop")]
    [InlineData("waitFor", "never")]
    public void Enumerations_reject_other_values(string key, string value)
    {
        var error = Devcontainer.Single($$"""{ "image": "x", "{{key}}": "{{value}}" }""");

        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_leave_no_value()
    {
        var result = DevcontainerParser.Parse("""{ "name": 1 }""", "f", SubstitutionContext.Empty("/a", "b"));

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
    }
}
