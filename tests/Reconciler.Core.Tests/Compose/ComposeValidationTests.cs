using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Ports;
using Reconciler.Core.Tests.Policies;

namespace Reconciler.Core.Tests.Compose;

/// <summary>Compose files loaded through the workspace loader: every rejection is located in the file that causes it.</summary>
public sealed class ComposeValidationTests
{
    [Fact]
    public void An_unsupported_key_is_an_error_at_its_line_and_column()
    {
        var diagnostics = Load("""
            services:
              app:
                image: busybox
                container_name: fixed
            """);

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.ComposeKeyUnsupported, error.Code);
        Assert.Equal(".devcontainer/docker-compose.yml:4:5", error.Location!.ToString());
        Assert.Contains("'container_name' in services.app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_violation_is_located()
    {
        var diagnostics = Load("""
            services:
              app:
                image: busybox
                ports: 80
            """);

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.ComposeFileInvalid, error.Code);
        Assert.Equal(".devcontainer/docker-compose.yml:4:12", error.Location!.ToString());
    }

    [Theory]
    [InlineData("- /var/run/docker.sock:/var/run/docker.sock", "bind mount of host path")]
    [InlineData("- ../../..:/workspaces", "neither the repository's root folder nor its parent")]
    [InlineData("- ../app:/app", "neither the repository's root folder nor its parent")]
    [InlineData("- data", "anonymous volume")]
    public void Volumes_outside_the_subset_are_located(string volume, string expected)
    {
        var diagnostics = Load($"""
            services:
              app:
                image: busybox
                volumes:
                  {volume}
            """);

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.ComposeKeyUnsupported, error.Code);
        Assert.Equal(".devcontainer/docker-compose.yml:5:9", error.Location!.ToString());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_depends_on_cycle_names_the_cycle_at_a_depends_on()
    {
        var diagnostics = Load("""
            services:
              app:
                image: busybox
                depends_on: [db]
              db:
                image: busybox
                depends_on: [cache]
              cache:
                image: busybox
                depends_on: [db]
            """);

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.ComposeDependencyCycle, error.Code);
        Assert.Equal("depends_on cycle: db → cache → db", error.Message);
        Assert.Equal(".devcontainer/docker-compose.yml:7:17", error.Location!.ToString());
    }

    [Fact]
    public void An_unknown_service_or_run_service_is_located_in_devcontainer_json()
    {
        var diagnostics = Load("services:\n  app:\n    image: busybox\n", service: "web", runServices: """["db"]""");

        var errors = diagnostics.Where(d => d.IsError).ToList();
        var service = Assert.Single(errors);
        Assert.Equal(DiagnosticCodes.ComposeServiceUnknown, service.Code);
        Assert.Equal(".devcontainer/devcontainer.json:1:58", service.Location!.ToString());
        Assert.Contains("service 'web' is not in the compose files (services: app)", service.Message, StringComparison.Ordinal);

        var run = Assert.Single(Load("services:\n  app:\n    image: busybox\n", service: "app", runServices: """["db"]"""), d => d.IsError);
        Assert.Equal(DiagnosticCodes.ComposeServiceUnknown, run.Code);
        Assert.StartsWith(".devcontainer/devcontainer.json:1:", run.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_substitution_is_refused_rather_than_left_literal()
    {
        var error = Assert.Single(Load("services:\n  app:\n    image: busybox:${TAG}\n"), d => d.IsError);
        Assert.Equal(DiagnosticCodes.ComposeKeyUnsupported, error.Code);
        Assert.Equal(".devcontainer/docker-compose.yml:3:12", error.Location!.ToString());
    }

    [Fact]
    public void A_valid_project_compiles_with_the_devcontainer_applied_to_its_service()
    {
        var loaded = LoadRepository("""
            services:
              app:
                image: busybox
                command: sleep infinity
                environment: { A: compose, B: compose }
                volumes: [..:/src, data:/data]
                depends_on: [db]
              db:
                image: busybox
            volumes:
              data:
            """, "app", null, """ "containerEnv": { "B": "devcontainer" }, """);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var desired = Assert.Single(loaded.Workspaces);
        Assert.Equal("busybox", desired.Image);
        Assert.Equal("/src", desired.Container.WorkspaceFolder);
        Assert.False(desired.Container.OverrideCommand);
        Assert.Equal("compose", desired.Container.Env["A"]);
        Assert.Equal("devcontainer", desired.Container.Env["B"]);
        Assert.Contains(desired.Container.Mounts, m => m.Target == "/data" && m.Source == Core.Compose.ComposeNames.Volume(desired.Key, "data"));
        Assert.Equal(["db", "app"], desired.Compose!.StartOrder);
        Assert.Empty(desired.Unsupported);
    }

    [Fact]
    public void The_repository_parent_mounted_at_workspaces_puts_the_workspace_under_the_repository_folder()
    {
        var loaded = LoadRepository("services:\n  app:\n    image: busybox\n    volumes: [../..:/workspaces:cached]\n", "app", null, "");

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var desired = Assert.Single(loaded.Workspaces);
        Assert.Equal("/workspaces/repo", desired.Container.WorkspaceFolder);
        var mount = Assert.Single(desired.Container.Mounts, m => m.Target == "/workspaces/repo");
        Assert.Equal(desired.Container.WorkspaceVolume, mount.Source);
    }

    [Fact]
    public void Env_files_are_read_from_the_commit_and_environment_wins()
    {
        var loaded = LoadRepository(
            "services:\n  app:\n    image: busybox\n    env_file: [.env, db.env]\n    environment: { B: compose }\n", "app", null, "",
            (".devcontainer/.env", "# comment\nA=from-env\nB=from-env\nexport C='literal ${X}'\nEMPTY=\n"),
            (".devcontainer/db.env", "D=\"two\\nlines\" # not a comment inside quotes\n"));

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var env = Assert.Single(loaded.Workspaces).Container.Env;
        Assert.Equal("from-env", env["A"]);
        Assert.Equal("compose", env["B"]);
        Assert.Equal("literal ${X}", env["C"]);
        Assert.Equal("two\nlines", env["D"]);
        Assert.Equal("", env["EMPTY"]);
    }

    [Fact]
    public void A_missing_env_file_and_a_bad_env_line_are_located()
    {
        var missing = Assert.Single(Load("services:\n  app:\n    image: busybox\n    env_file: missing.env\n"), d => d.IsError);
        Assert.Equal(DiagnosticCodes.ReferencedFileMissing, missing.Code);
        Assert.Equal(".devcontainer/docker-compose.yml:4:15", missing.Location!.ToString());

        var bad = Assert.Single(
            LoadRepository("services:\n  app:\n    image: busybox\n    env_file: .env\n", "app", null, "", (".devcontainer/.env", "A=1\nHOME\n")).Diagnostics,
            d => d.IsError);
        Assert.Equal(".devcontainer/.env:2:1", bad.Location!.ToString());
    }

    private static IReadOnlyList<Diagnostic> Load(string compose, string service = "app", string? runServices = null)
        => LoadRepository(compose, service, runServices, "").Diagnostics;

    private static LoadedRepository LoadRepository(string compose, string service, string? runServices, string extra, params (string Path, string Text)[] files)
    {
        IRepositoryContent content = new MemoryRepository(new Dictionary<string, string>(files.Select(f => KeyValuePair.Create(f.Path, f.Text)))
        {
            [".daytona/workspace.yaml"] = "version: 1\nworkspaces:\n  - name: main\n",
            [".devcontainer/devcontainer.json"] =
                $$"""{ "dockerComposeFile": "docker-compose.yml", {{extra}} "service": "{{service}}"{{(runServices is null ? "" : $", \"runServices\": {runServices}")}} }""",
            [".devcontainer/docker-compose.yml"] = compose,
        });
        return WorkspaceLoader.Load(content, new LoaderOptions());
    }
}
