using System.Diagnostics;
using Reconciler.TestKit;

namespace Reconciler.GitHub.StandIn;

/// <summary>
/// GitHub's REST description from the pinned npm package <c>@octokit/openapi</c> (tests/github-openapi/package.json and
/// its lock file). Installed with <c>npm ci</c> on first use when absent; a failed install fails the test loudly.
/// </summary>
public static class OpenApiPackage
{
    private static readonly Lazy<string> Installed = new(Install);

    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "tests", "github-openapi");

    /// <summary>Path of <c>generated/api.github.com.json</c>.</summary>
    public static string DescriptionPath => Installed.Value;

    private static string Install()
    {
        var file = Path.Combine(Folder, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json");
        if (File.Exists(file))
        {
            return file;
        }

        var start = new ProcessStartInfo("npm") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm could not be started; install Node.js and npm");
        var output = npm.StandardOutput.ReadToEndAsync();
        var error = npm.StandardError.ReadToEndAsync();
        npm.WaitForExit();
        if (npm.ExitCode != 0 || !File.Exists(file))
        {
            throw new InvalidOperationException($"`npm ci` in {Folder} failed (exit {npm.ExitCode}); GitHub's OpenAPI description is required:\n{output.Result}\n{error.Result}");
        }

        return file;
    }
}
