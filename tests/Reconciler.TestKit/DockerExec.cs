namespace Reconciler.TestKit;

/// <summary>Runs a shell command in a container with <c>docker exec</c> (the real CLI) for assertions.</summary>
public static class DockerExec
{
    public static string Run(string container, string command, string user = "root")
    {
        var (exitCode, output) = LocalImages.Run("docker", $"exec -u {user} {container} /bin/sh -c \"{command.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        return exitCode == 0 ? output : throw new InvalidOperationException($"docker exec failed ({exitCode}): {output}");
    }
}
