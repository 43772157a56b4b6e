using System.Text;
using System.Text.Json.Nodes;
using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks;

namespace Reconciler.GitHub.Tests.Handling;

/// <summary>Verified but malformed deliveries are 400 with a message naming the JSON path; nothing reaches a sink.</summary>
public sealed class MalformedPayloadTests
{
    [Theory]
    [InlineData("push", "repository", "5", "$.repository: expected an object, found a number")]
    [InlineData("push", "ref", "{}", "$.ref: expected a string, found an object")]
    [InlineData("push", "ref", "null", "$.ref: required")]
    [InlineData("push", "after", "\"not-a-sha\"", "$.after: expected a 40 or 64 digit lower-case hex commit id")]
    [InlineData("push", "deleted", "\"yes\"", "$.deleted: expected true or false, found a string")]
    [InlineData("push", "pusher", "[]", "$.pusher: expected an object, found an array")]
    [InlineData("push", "head_commit", "\"abc\"", "$.head_commit: expected an object, found a string")]
    [InlineData("pull_request", "number", "\"2\"", "$.number: expected a number, found a string")]
    [InlineData("pull_request", "number", "2.5", "$.number: expected a whole number")]
    [InlineData("pull_request", "pull_request", "true", "$.pull_request: expected an object, found a boolean")]
    [InlineData("pull_request", "action", "null", "$.action: required")]
    [InlineData("pull_request", "sender", "\"Codertocat\"", "$.sender: expected an object, found a string")]
    [InlineData("ping", "zen", "42", "$.zen: expected a string, found a number")]
    public async Task A_top_level_member_of_the_wrong_type_is_400(string eventName, string member, string json, string message)
    {
        var fixture = eventName switch { "push" => "with-new-branch.payload.json", "ping" => "payload.json", _ => "opened.with-null-body.json" };
        var payload = JsonNode.Parse(Deliveries.Fixture(eventName, fixture))!.AsObject();
        payload[member] = JsonNode.Parse(json);

        await AssertMalformed(eventName, payload.ToJsonString(), message);
    }

    [Theory]
    [InlineData("$.repository.full_name", "{\"repository\":{\"full_name\":7}}")]
    [InlineData("$.pull_request.head.sha", "{\"pull_request\":{\"head\":{\"sha\":[]}}}")]
    [InlineData("$.pull_request.base.repo", "{\"pull_request\":{\"base\":{\"repo\":\"x\"}}}")]
    [InlineData("$.repository.clone_url", "{\"repository\":{\"clone_url\":\"file:///etc/passwd\"}}")]
    [InlineData("$.pull_request.head.ref", "{\"pull_request\":{\"head\":{\"ref\":\"--upload-pack=evil\"}}}")]
    public async Task A_nested_member_of_the_wrong_type_or_form_names_its_path(string path, string patch)
    {
        var eventName = path.StartsWith("$.pull_request", StringComparison.Ordinal) ? "pull_request" : "push";
        var fixture = eventName == "push" ? "with-new-branch.payload.json" : "synchronize.payload.json";
        var payload = JsonNode.Parse(Deliveries.Fixture(eventName, fixture))!;
        Merge(payload, JsonNode.Parse(patch)!);

        await AssertMalformed(eventName, payload.ToJsonString(), path + ":");
    }

    [Theory]
    [InlineData("push", "{not json")]
    [InlineData("push", "")]
    [InlineData("push", "[]")]
    [InlineData("push", "\"push\"")]
    [InlineData("push", "{\"ref\":\"refs/heads/main\"} trailing")]
    [InlineData("check_run", "{\"action\":")]
    [InlineData("ping", "{\"zen\":\"a\",\"zen\":\"b\"}")]
    public async Task Invalid_json_is_400(string eventName, string body)
        => await AssertMalformed(eventName, body, string.Empty);

    [Fact]
    public async Task A_lone_surrogate_escape_is_400()
        => await AssertMalformed("ping", "{\"zen\":\"\\ud800\"}", "$.zen");

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync("ping", [.. "{\"zen\":\""u8, 0xff, 0xfe, .. "\"}"u8]);

        Assert.Equal((400, WebhookResult.Malformed), (response.StatusCode, response.Result));
    }

    [Fact]
    public async Task Nesting_deeper_than_the_cap_is_400()
    {
        var deep = new string('[', 100) + new string(']', 100);

        await AssertMalformed("push", "{\"x\":" + deep + "}", "invalid JSON");
    }

    [Fact]
    public async Task Missing_event_or_delivery_headers_are_400_after_verification()
    {
        var deliveries = new Deliveries();
        var body = Deliveries.Fixture("push", "with-new-branch.payload.json");
        var signature = Deliveries.SignatureOf(body);

        var noEvent = await deliveries.Handler.HandleAsync(new WebhookRequest(null, "id-1", signature, body.Length), new MemoryStream(body), deliveries.Secrets, CancellationToken.None);
        var noDelivery = await deliveries.Handler.HandleAsync(new WebhookRequest("push", null, signature, body.Length), new MemoryStream(body), deliveries.Secrets, CancellationToken.None);
        var oddEvent = await deliveries.Handler.HandleAsync(new WebhookRequest("Push\n", "id-2", signature, body.Length), new MemoryStream(body), deliveries.Secrets, CancellationToken.None);

        Assert.Equal(400, noEvent.StatusCode);
        Assert.Equal(400, noDelivery.StatusCode);
        Assert.Equal(400, oddEvent.StatusCode);
        Assert.Equal(0, deliveries.Sinks.Calls);
    }

    [Fact]
    public async Task The_handler_keeps_serving_after_malformed_deliveries()
    {
        var deliveries = new Deliveries();
        await deliveries.SendAsync("push", "{\"repository\": 5}");
        await deliveries.SendAsync("pull_request", "{\"ref\": {}}");

        var response = await deliveries.SendAsync("push", Deliveries.Fixture("push", "with-new-branch.payload.json"));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(2, deliveries.Handler.Counters[WebhookResult.Malformed]);
        Assert.Equal(1, deliveries.Handler.Counters[WebhookResult.Accepted]);
    }

    private static async Task AssertMalformed(string eventName, string body, string message)
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync(eventName, Encoding.UTF8.GetBytes(body));

        Assert.Equal((400, WebhookResult.Malformed), (response.StatusCode, response.Result));
        Assert.Contains(message, response.Message, StringComparison.Ordinal);
        Assert.Null(response.Event);
        Assert.Equal(0, deliveries.Sinks.Calls);
    }

    private static void Merge(JsonNode target, JsonNode patch)
    {
        foreach (var (key, value) in patch.AsObject().ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
