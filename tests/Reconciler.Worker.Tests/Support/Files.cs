using Reconciler.TestKit;

namespace Reconciler.Worker.Tests.Support;

/// <summary>Workspace files the tests commit: one busybox workspace whose environment marks the version.</summary>
internal static class Files
{
    public const string WorkspaceFile = ".daytona/workspace.yaml";
    public const string DevcontainerFile = ".devcontainer/devcontainer.json";

    public static string Workspace(string name = "web") => $"""
        version: 1
        workspaces:
          - name: {name}
        """;

    public static string Devcontainer(string greeting) => $$"""
        {
          "image": "{{LocalImages.Busybox}}",
          "containerEnv": { "GREETING": "{{greeting}}" }
        }
        """;

    /// <summary>A "billion laughs" file: anchors and aliases are refused before anything expands.</summary>
    public const string YamlBomb = """
        version: 1
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        workspaces: [*d]
        """;

    /// <summary>A minimal, well-formed GitHub push payload for <paramref name="identity"/> (<c>host:port/name</c>).</summary>
    public static string PushPayload(string identity, string after, string branch = "main")
    {
        var name = identity[(identity.LastIndexOf('/') + 1)..];
        var host = identity[..identity.IndexOf('/', StringComparison.Ordinal)];
        return $$"""
            {
              "ref": "refs/heads/{{branch}}",
              "before": "0000000000000000000000000000000000000000",
              "after": "{{after}}",
              "created": false, "deleted": false, "forced": false,
              "repository": { "full_name": "local/{{name}}", "clone_url": "http://{{host}}/{{name}}.git", "html_url": "http://{{host}}/{{name}}" },
              "pusher": { "name": "Test", "email": "test@example.com" }
            }
            """;
    }
}
