using NJsonSchema;
using Reconciler.TestKit;
using static Reconciler.Core.Tests.Policies.PolicyHarness;

namespace Reconciler.Core.Tests.Policies;

/// <summary>The published shape (docs/schemas/effective-workspace.schema.json) matches what the builder produces.</summary>
public sealed class EffectiveSchemaTests
{
    [Fact]
    public async Task Built_documents_validate_against_the_published_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestPaths.RepositoryRoot, "docs", "schemas", "effective-workspace.schema.json"));
        var full = EffectiveLocationTests.Build("""
            version: 1
            defaults:
              team: ml
            workspaces:
              - name: dev
                owner: alice
                resources: { cpu: 4, memory: 8Gi, disk: 20Gi }
                gpu: { mode: shared, count: 1, memory: 8Gi }
                ports:
                  - { port: 8080 }
                lifecycle: { policy: ephemeral, ttl: 8h, idleTimeout: 1h }
            """, """
            {
              "image": "x",
              "remoteUser": "dev",
              "containerEnv": { "TZ": "${localEnv:TZ}" },
              "mounts": ["type=bind,source=/etc,target=/e,readonly"],
              "runArgs": ["--cpus=2", "-m", "4g", "--shm-size=1g", "--cap-add=NET_RAW", "-p", "8080:80", "--init", "-v", "data:/data"]
            }
            """);

        foreach (var document in new[] { full.Root, EffectiveLocationTests.Build(OneWorkspace, """{ "image": "x" }""").Root })
        {
            Assert.Empty(schema.Validate(document));
        }

        Assert.Equal(4L << 30, (long)full.Root["runArgs"]!["memoryBytes"]!);
        Assert.Equal(28800L, (long)full.Root["workspace"]!["lifecycle"]!["ttlSeconds"]!);
        Assert.Equal("TZ", (string?)full.Root["localEnv"]![0]!["name"]);
    }
}
