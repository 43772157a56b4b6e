using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Support;

/// <summary>One object's verdict from the official schema validators.</summary>
public sealed record SchemaVerdict(int Index, string? Kind, string? Name, bool Ok, IReadOnlyList<string> Errors);

/// <summary>
/// Runs <c>tests/kubernetes-schemas/validate.mjs</c> (npm <c>kubernetes-models</c> 5.1.0: validators generated from the
/// Kubernetes OpenAPI). Installed by <c>.ci/run</c> with <c>npm ci</c>; a missing install fails the test, never skips it.
/// </summary>
public static class KubernetesSchemas
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "kubernetes-schemas");

    public static async Task<IReadOnlyList<SchemaVerdict>> ValidateAsync(JsonArray objects)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException($"kubernetes-models is not installed: run `npm ci` in {Folder} (.ci/run does)");
        }

        var start = new ProcessStartInfo("node", ["validate.mjs"])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(objects.ToJsonString());
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (process.ExitCode is not (0 or 1) || lines.Length != objects.Count)
        {
            throw new InvalidOperationException($"validate.mjs exited {process.ExitCode} with {lines.Length} verdicts for {objects.Count} objects: {await stderr}");
        }

        return [.. lines.Select(l => JsonSerializer.Deserialize<SchemaVerdict>(l, Web)!)];
    }
}
