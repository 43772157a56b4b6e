using System.Security.Cryptography;
using Reconciler.GitHub.StandIn;

// Usage: dotnet Reconciler.Bench.GitHubStandIn.dll APP_ID PUBLIC_OR_PRIVATE_KEY_PEM_FILE
// Line 1: "listening <base URL>". Then per answered request: "<unix ns> <operation id> <status> <path> <conclusion or ->".
// Ends when stdin closes; prints the OpenAPI violations (there must be none) to stderr and exits 1 if any.
var key = RSA.Create();
key.ImportFromPem(File.ReadAllText(args[1]));
await using var github = await GitHubStandIn.StartAsync();
github.Auth.TrustApp(long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture), key);
var output = TextWriter.Synchronized(Console.Out);
github.Answered += request =>
{
    var nanos = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    var conclusion = (string?)request.Body?["conclusion"] ?? "-";
    output.WriteLine($"{nanos} {request.OperationId} {request.Status} {request.Path} {conclusion}");
    output.Flush();
};
output.WriteLine($"listening {github.BaseUrl}");
output.Flush();
await Console.In.ReadToEndAsync();
foreach (var violation in github.Violations)
{
    await Console.Error.WriteLineAsync("violation: " + violation);
}

return github.Violations.Count == 0 ? 0 : 1;
