using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

/// <summary>Builds desired workspaces through the real compiler, for planner and compiler tests.</summary>
internal static class Compile
{
    public const string Repository = "github.com/acme/ml";

    public static DevcontainerConfig Config(string image = "busybox:1", IReadOnlyDictionary<string, string>? env = null) => new()
    {
        Image = image,
        ContainerEnv = env ?? new Dictionary<string, string>(),
        Document = new LocatedDocument(new JObject(), new SourceMap(".devcontainer/devcontainer.json")),
    };

    public static DesiredWorkspace Workspace(string name, DevcontainerConfig? config = null, WorkspaceSpec? spec = null, string commit = "c1")
    {
        var result = DesiredStateCompiler.Compile(
            new CompileRequest(spec ?? new WorkspaceSpec { Name = name }, config ?? Config(), ".devcontainer/devcontainer.json", Repository, commit),
            CompilerOptions.Default);
        return result.Desired ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
    }
}
