using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class LifecycleCommandTests
{
    private static LifecycleCommand? PostCreate(string json)
        => Devcontainer.Clean("{ \"image\": \"x\", \"postCreateCommand\": " + json + " }").PostCreateCommand;

    [Fact]
    public void A_string_runs_through_a_shell()
    {
        var command = PostCreate("\"npm install && npm test\"")!;

        Assert.Equal(LifecycleCommandForm.Shell, command.Form);
        Assert.Equal(["/bin/sh", "-c", "npm install && npm test"], command.ToArgv());
    }

    [Fact]
    public void An_array_runs_directly()
    {
        var command = PostCreate("[\"npm\", \"install\"]")!;

        Assert.Equal(LifecycleCommandForm.Exec, command.Form);
        Assert.Equal(["npm", "install"], command.ToArgv());
    }

    [Fact]
    public void An_object_runs_named_commands_in_parallel()
    {
        var command = PostCreate("{ \"server\": \"npm start\", \"db\": [\"pg_ctl\", \"start\"] }")!;

        Assert.Equal(LifecycleCommandForm.Parallel, command.Form);
        Assert.Equal(["server", "db"], command.Parallel!.Keys);
        Assert.Equal(LifecycleCommand.FromShell("npm start"), command.Parallel["server"]);
        Assert.Equal(["pg_ctl", "start"], command.Parallel["db"].Exec);
    }

    [Theory]
    [InlineData("onCreateCommand")]
    [InlineData("updateContentCommand")]
    [InlineData("postStartCommand")]
    [InlineData("postAttachCommand")]
    public void Every_lifecycle_key_is_read(string key)
        => Assert.NotNull(typeof(DevcontainerConfig).GetProperty(char.ToUpperInvariant(key[0]) + key[1..])!
            .GetValue(Devcontainer.Clean($$"""{ "image": "x", "{{key}}": "true" }""")));

    [Theory]
    [InlineData("42", "postCreateCommand must be a string, an array of strings or an object of named commands, not an integer")]
    [InlineData("[\"a\", 1]", "postCreateCommand[1] must be a string, not an integer")]
    [InlineData("{ \"a\": { \"b\": \"c\" } }", "postCreateCommand.a must be a string or an array of strings, not an object")]
    public void Other_shapes_are_wrong_types(string json, string message)
    {
        var error = Devcontainer.Single("{ \"image\": \"x\", \"postCreateCommand\": " + json + " }");

        Assert.Equal((DiagnosticCodes.WrongType, message), (error.Code, error.Message));
    }

    [Fact]
    public void An_empty_array_is_invalid()
        => Assert.Equal(DiagnosticCodes.InvalidValue, Devcontainer.Single("""{ "image": "x", "postCreateCommand": [] }""").Code);
}
