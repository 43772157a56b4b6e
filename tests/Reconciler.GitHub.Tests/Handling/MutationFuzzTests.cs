using System.Text;
using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks;

namespace Reconciler.GitHub.Tests.Handling;

/// <summary>
/// Random byte and token mutations of valid payloads, re-signed so they pass verification and reach the
/// parser: every one is answered (202, 200 or 400), none throws. Seeded, so a failure reproduces.
/// </summary>
public sealed class MutationFuzzTests
{
    private static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "5", "-1e309", "\"\\ud800\"", "\\", "\0", "é", "{}", "[]", "\"x\""];

    [Theory]
    [InlineData("push", "with-new-branch.payload.json", 1)]
    [InlineData("push", "payload.json", 2)]
    [InlineData("pull_request", "synchronize.payload.json", 3)]
    [InlineData("ping", "payload.json", 4)]
    [InlineData("check_run", "completed.payload.json", 5)]
    public async Task Mutated_and_re_signed_payloads_never_throw(string eventName, string file, int seed)
    {
        var original = Deliveries.Fixture(eventName, file);
        var random = new Random(seed);
        var deliveries = new Deliveries();
        var answered = new Dictionary<int, int>();

        for (var i = 0; i < 300; i++)
        {
            var mutated = Mutate(original, random);

            var response = await deliveries.SendAsync(eventName, mutated);

            Assert.Contains(response.StatusCode, new[] { 200, 202, 400 });
            answered[response.StatusCode] = answered.GetValueOrDefault(response.StatusCode) + 1;
        }

        // The mutations must actually reach the parser's error paths, or this test proves nothing.
        Assert.True(answered.GetValueOrDefault(400) > 30, $"only {answered.GetValueOrDefault(400)} malformed");
        Assert.Equal(300, deliveries.Handler.Counters.Snapshot().Values.Sum());
    }

    [Fact]
    public async Task Every_member_replaced_by_every_json_type_never_throws()
    {
        var deliveries = new Deliveries();
        foreach (var (eventName, file) in new[] { ("push", "with-new-branch.payload.json"), ("pull_request", "closed.payload.json") })
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(Deliveries.Fixture(eventName, file))!;
            foreach (var path in Paths(root, "").Take(400))
            {
                foreach (var replacement in new[] { "5", "\"s\"", "{}", "[]", "null", "true" })
                {
                    var copy = root.DeepClone();
                    Set(copy, path, System.Text.Json.Nodes.JsonNode.Parse(replacement));

                    var response = await deliveries.SendAsync(eventName, copy.ToJsonString());

                    Assert.Contains(response.StatusCode, new[] { 202, 400 });
                }
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) switch
            {
                0 => text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)),
                1 => text.Insert(at, Tokens[random.Next(Tokens.Length)]),
                _ => text[..at] + (char)random.Next(32, 127) + text[Math.Min(at + 1, text.Length)..],
            };
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(10) == 0)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static IEnumerable<string[]> Paths(System.Text.Json.Nodes.JsonNode? node, string prefix)
    {
        if (node is not System.Text.Json.Nodes.JsonObject obj)
        {
            yield break;
        }

        foreach (var (key, value) in obj)
        {
            string[] path = [.. prefix.Split('/', StringSplitOptions.RemoveEmptyEntries), key];
            yield return path;
            foreach (var nested in Paths(value, string.Join('/', path)))
            {
                yield return nested;
            }
        }
    }

    private static void Set(System.Text.Json.Nodes.JsonNode root, string[] path, System.Text.Json.Nodes.JsonNode? value)
    {
        var parent = root;
        foreach (var key in path[..^1])
        {
            parent = parent[key]!;
        }

        parent[path[^1]] = value;
    }
}
