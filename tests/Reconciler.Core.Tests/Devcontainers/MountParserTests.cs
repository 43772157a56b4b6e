using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class MountParserTests
{
    [Theory]
    [InlineData("type=volume,source=x,target=/y", "volume", "x", "/y", false)]
    [InlineData("src=/a,dst=/b,type=bind,readonly", "bind", "/a", "/b", true)]
    [InlineData("source=/a,destination=/b,type=bind,ro=true,consistency=cached", "bind", "/a", "/b", true)]
    [InlineData("target=/only", "volume", null, "/only", false)]
    [InlineData("type=tmpfs,target=/t,readonly=false", "tmpfs", null, "/t", false)]
    public void Reads_the_string_form(string text, string type, string? source, string target, bool readOnly)
        => Assert.Equal(
            new MountSpec(type, source, target, readOnly, text),
            Devcontainer.Clean($$"""{ "image": "x", "mounts": ["{{text}}"] }""").Mounts[0]);

    [Fact]
    public void Reads_the_object_form_with_an_anonymous_volume()
        => Assert.Equal(
            new MountSpec("volume", null, "/home/x"),
            Devcontainer.Clean("""{ "image": "x", "mounts": [{ "target": "/home/x", "type": "volume" }] }""").Mounts[0]);

    [Theory]
    [InlineData("\"type=bind,target=/x\"", "needs a source")]
    [InlineData("\"type=volume,source=x\"", "needs a target")]
    [InlineData("\"type=npipe,source=x,target=/y\"", "unsupported mount type \\\"npipe\\\"")]
    [InlineData("\"type=bind,source=/a,target=/b,bind-propagation=shared\"", "unsupported mount option \\\"bind-propagation=shared\\\"")]
    [InlineData("\"type=bind,source=/a,target=/b,ro=maybe\"", "not a valid read-only flag")]
    [InlineData("{ \"type\": \"volume\", \"target\": \"/y\", \"readonly\": true }", "unsupported mount property")]
    [InlineData("{ \"source\": \"x\", \"target\": \"/y\" }", "needs \\\"type\\\"")]
    public void Invalid_mounts_are_located_errors(string json, string expected)
    {
        var error = Devcontainer.Single("{ \"image\": \"x\",\n  \"mounts\": [" + json + "] }");

        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Assert.Contains(expected.Replace("\\\"", "\"", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Location!.Line);
    }

    [Fact]
    public void An_invalid_workspaceMount_is_an_error_at_the_value()
    {
        var error = Devcontainer.Single("{ \"image\": \"x\",\n  \"workspaceMount\": \"source=/a\" }");

        Assert.Equal(DiagnosticCodes.InvalidValue, error.Code);
        Devcontainer.AssertAt(error.Location, 2, 21);
    }
}
