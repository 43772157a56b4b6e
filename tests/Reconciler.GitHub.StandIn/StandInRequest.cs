using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>One request the stand-in received: the matched operation (null when none matched), the path after the base, the body, and the authorization scheme.</summary>
public sealed record StandInRequest(string Method, string Path, string? OperationId, JToken? Body, string? AuthorizationScheme, int Status);

/// <summary>A request that does not follow GitHub's REST description.</summary>
public sealed record StandInViolation(string Method, string Path, string Problem)
{
    public override string ToString() => $"{Method} {Path}: {Problem}";
}
