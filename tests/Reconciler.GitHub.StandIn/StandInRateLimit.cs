using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>
/// A rate-limited answer as GitHub gives it (docs.github.com, "Rate limits for the REST API"): the status, the
/// <c>x-ratelimit-*</c> headers (and <c>retry-after</c> where GitHub sends it) and GitHub's message.
/// </summary>
public abstract record StandInRateLimit(int Status)
{
    /// <summary>The hourly quota is spent: 403, <c>x-ratelimit-remaining: 0</c>, <c>x-ratelimit-reset</c> = <paramref name="Reset"/>.</summary>
    public static StandInRateLimit Primary(DateTimeOffset reset) => new PrimaryLimit(reset);

    /// <summary>A secondary limit: 403 (or 429) with <c>retry-after</c> when given, quota left.</summary>
    public static StandInRateLimit Secondary(int? retryAfterSeconds, int status = 403) => new SecondaryLimit(retryAfterSeconds, status);

    internal abstract IReadOnlyList<(string Name, string Value)> Headers(DateTimeOffset now);

    internal abstract JObject Body();

    private sealed record PrimaryLimit(DateTimeOffset Reset) : StandInRateLimit(403)
    {
        internal override IReadOnlyList<(string Name, string Value)> Headers(DateTimeOffset now) =>
        [
            ("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-used", "5000"),
            ("x-ratelimit-reset", Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)), ("x-ratelimit-resource", "core"),
        ];

        internal override JObject Body() => new()
        {
            ["message"] = "API rate limit exceeded for installation ID 4242. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
            ["documentation_url"] = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            ["status"] = "403",
        };
    }

    private sealed record SecondaryLimit(int? RetryAfterSeconds, int Code) : StandInRateLimit(Code)
    {
        internal override IReadOnlyList<(string Name, string Value)> Headers(DateTimeOffset now)
        {
            List<(string, string)> headers =
            [
                ("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "4990"), ("x-ratelimit-used", "10"),
                ("x-ratelimit-reset", now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)), ("x-ratelimit-resource", "core"),
            ];
            if (RetryAfterSeconds is { } seconds)
            {
                headers.Add(("retry-after", seconds.ToString(CultureInfo.InvariantCulture)));
            }

            return headers;
        }

        internal override JObject Body() => new()
        {
            ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
            ["documentation_url"] = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            ["status"] = Status.ToString(CultureInfo.InvariantCulture),
        };
    }
}
