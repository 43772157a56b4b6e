using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary>
/// Signs every request with a Jumpserver access key the way Jumpserver's access-key authentication checks it: HTTP
/// Signatures (draft-cavage), <c>hmac-sha256</c> over <c>(request-target) accept date</c>, plus the organization header.
/// The secret never leaves this handler.
/// </summary>
internal sealed class HttpSignatureHandler(string keyId, byte[] secret, string org, TimeProvider time) : DelegatingHandler
{
    public const string SignedHeaders = "(request-target) accept date";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        const string accept = "application/json";
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        request.Headers.Accept.Clear();
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.TryAddWithoutValidation("Date", date);
        request.Headers.TryAddWithoutValidation("X-JMS-ORG", org);
        var target = $"{request.Method.Method.ToLowerInvariant()} {request.RequestUri!.PathAndQuery}";
        var signature = Sign(secret, SigningString(target, accept, date));
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"Signature keyId=\"{keyId}\",algorithm=\"hmac-sha256\",headers=\"{SignedHeaders}\",signature=\"{signature}\"");
        return base.SendAsync(request, cancellationToken);
    }

    public static string SigningString(string requestTarget, string accept, string date)
        => $"(request-target): {requestTarget}\naccept: {accept}\ndate: {date}";

    public static string Sign(byte[] secret, string signingString)
        => Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(signingString)));
}
