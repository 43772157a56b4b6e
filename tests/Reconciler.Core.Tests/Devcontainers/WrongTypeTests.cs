using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

/// <summary>A value of the wrong JSON type is an error at the value, naming its path and the expected type.</summary>
public sealed class WrongTypeTests
{
    [Theory]
    [InlineData("\"name\": 3", "name must be a string, not an integer")]
    [InlineData("\"image\": null", "image must be a string, not null")]
    [InlineData("\"privileged\": \"yes\"", "privileged must be true or false, not a string")]
    [InlineData("\"build\": \"Dockerfile\"", "build must be an object, not a string")]
    [InlineData("\"build\": { \"dockerfile\": \"D\", \"args\": { \"V\": 3.5 } }", "build.args.V must be a string, not a number")]
    [InlineData("\"build\": { \"dockerfile\": \"D\", \"cacheFrom\": 1 }", "build.cacheFrom must be a string or an array of strings, not an integer")]
    [InlineData("\"containerEnv\": [\"A=1\"]", "containerEnv must be an object, not an array")]
    [InlineData("\"remoteEnv\": { \"A\": true }", "remoteEnv.A must be a string, not a boolean")]
    [InlineData("\"forwardPorts\": [3000, true]", "forwardPorts[1] must be a port number or a \"host:port\" string, not a boolean")]
    [InlineData("\"appPort\": { \"a\": 1 }", "appPort must be a port number, a \"host:container\" string or an array of them, not an object")]
    [InlineData("\"mounts\": [1]", "mounts[0] must be a mount string (type=…,source=…,target=…) or an object {type, source, target}, not an integer")]
    [InlineData("\"capAdd\": \"SYS_PTRACE\"", "capAdd must be an array, not a string")]
    [InlineData("\"hostRequirements\": { \"cpus\": \"4\" }", "hostRequirements.cpus must be an integer, not a string")]
    [InlineData("\"hostRequirements\": { \"gpu\": 1 }", "hostRequirements.gpu must be true, false, \"optional\" or an object {cores, memory}, not an integer")]
    [InlineData("\"features\": [\"a\"]", "features must be an object, not an array")]
    [InlineData("\"customizations\": 1", "customizations must be an object, not an integer")]
    [InlineData("\"dockerComposeFile\": {}", "dockerComposeFile must be a string or an array of strings, not an object")]
    public void Reports_path_expected_type_and_location(string member, string message)
    {
        var error = Devcontainer.Single("{\n  \"dockerFile\": \"D\",\n  " + member + "\n}");

        Assert.Equal((DiagnosticCodes.WrongType, message), (error.Code, error.Message));
        Assert.Equal(3, error.Location!.Line);
        Assert.Equal(Devcontainer.File, error.Location.File);
    }

    [Fact]
    public void Locates_the_value_not_the_key()
    {
        var error = Devcontainer.Single("{\n  \"image\": \"x\",\n  \"build\": { \"dockerfile\": \"D\",\n     \"target\":    7 }\n}");

        Devcontainer.AssertAt(error.Location, 4, 19);
        Assert.Equal("/build/target", error.JsonPointer);
    }

    [Fact]
    public void Reports_every_wrong_type_in_one_pass()
    {
        var result = Devcontainer.Parse("""{ "name": 1, "image": 2, "init": "no" }""");

        Assert.Equal(3, result.Diagnostics.Count(d => d.Code == DiagnosticCodes.WrongType));
    }
}
