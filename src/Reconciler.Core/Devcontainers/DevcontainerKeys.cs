namespace Reconciler.Core.Devcontainers;

/// <summary>Top-level devcontainer.json keys, from the official schemas (devcontainers/spec and the VS Code additions).</summary>
internal static class DevcontainerKeys
{
    /// <summary>Keys bound to <see cref="DevcontainerConfig"/>.</summary>
    public static readonly HashSet<string> Modelled = new(StringComparer.Ordinal)
    {
        "name", "image", "build", "dockerFile", "context", "features", "dockerComposeFile", "service", "runServices",
        "containerEnv", "remoteEnv", "forwardPorts", "appPort", "portsAttributes", "mounts", "workspaceFolder",
        "workspaceMount", "runArgs", "privileged", "capAdd", "securityOpt", "init", "overrideCommand",
        "shutdownAction", "containerUser", "remoteUser", "updateRemoteUserUID", "hostRequirements",
        "initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand",
        "postAttachCommand", "waitFor", "customizations",
    };

    /// <summary>Keys the spec defines that Reconciler does not act on: accepted without a warning.</summary>
    public static readonly HashSet<string> AcceptedUnmodelled = new(StringComparer.Ordinal)
    {
        "$schema", "otherPortsAttributes", "overrideFeatureInstallOrder", "secrets", "userEnvProbe",
        "additionalProperties",

        // Legacy VS Code (before customizations) and Codespaces keys.
        "extensions", "settings", "devPort", "codespaces",
    };

    public static readonly HashSet<string> Build = new(StringComparer.Ordinal)
    {
        "dockerfile", "context", "args", "target", "cacheFrom", "options",
    };

    public static readonly string[] ShutdownActions = ["none", "stopContainer", "stopCompose"];

    public static readonly string[] WaitFor =
    [
        "initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand",
    ];
}
