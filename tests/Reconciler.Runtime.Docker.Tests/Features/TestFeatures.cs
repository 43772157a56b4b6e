using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Features;

/// <summary>
/// Two tiny Features published to a <see cref="LocalRegistry"/> with <c>devcontainer features publish</c>: <c>greeter</c>
/// dependsOn <c>base</c> (with word=beta). Each install.sh appends a line to /opt/order.log, so the order is visible.
/// </summary>
internal static class TestFeatures
{
    public const string Namespace = "reconciler-test";

    public static string Base(LocalRegistry registry) => $"{registry.LocalHost}/{Namespace}/base:1";

    public static string Greeter(LocalRegistry registry) => $"{registry.LocalHost}/{Namespace}/greeter:1";

    /// <param name="login">Publish with <see cref="RegistryUser.Robot"/> (DEVCONTAINERS_OCI_AUTH), for a registry that requires it.</param>
    public static async Task PublishAsync(LocalRegistry registry, bool login = false)
    {
        using var source = new TempDirectory("rc-features");
        source.Write("base/devcontainer-feature.json", """
            { "id": "base", "version": "1.0.0", "name": "base",
              "options": { "word": { "type": "string", "default": "alpha" } },
              "containerEnv": { "BASE_HOME": "/opt/base" } }
            """);
        source.Write("base/install.sh", "#!/bin/sh\nset -e\nmkdir -p /opt\necho \"base $WORD $_REMOTE_USER $_REMOTE_USER_HOME $_CONTAINER_USER\" >> /opt/order.log\n");
        source.Write("greeter/devcontainer-feature.json", $$"""
            { "id": "greeter", "version": "1.0.0", "name": "greeter",
              "options": { "greeting": { "type": "string", "default": "hi" }, "loud": { "type": "boolean", "default": false } },
              "dependsOn": { "{{Base(registry)}}": { "word": "beta" } },
              "containerEnv": { "GREETER": "on" },
              "mounts": [ { "type": "volume", "source": "rc-greeter-cache-${devcontainerId}", "target": "/greeter-cache" } ],
              "postCreateCommand": "echo greeter-post >> /tmp/post.log",
              "postStartCommand": "echo greeter-start >> /tmp/start.log" }
            """);
        source.Write("greeter/install.sh", "#!/bin/sh\nset -e\nmkdir -p /opt\necho \"greeter $GREETING $LOUD\" >> /opt/order.log\n");
        var environment = login
            ? new Dictionary<string, string> { ["DEVCONTAINERS_OCI_AUTH"] = $"{registry.LocalHost}|{RegistryUser.Robot.Name}|{RegistryUser.Robot.Password}" }
            : null;
        var published = await DevcontainerCli.RunAsync(["features", "publish", "-r", registry.LocalHost, "-n", Namespace, source.Path], environment: environment);
        Assert.True(published.ExitCode == 0, $"devcontainer features publish failed:\n{published.Stdout}\n{published.Stderr}");
    }
}
