using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// The JSON Web Token a GitHub App signs to authenticate as itself (RS256): issued 60 s in the past against clock
/// drift, valid 9 minutes (GitHub accepts at most 10), issuer the App id. Only used to obtain installation tokens.
/// </summary>
internal static class AppJwt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(long appId, string privateKeyPem, DateTimeOffset now)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iat"] = now.AddSeconds(-60).ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
            ["iss"] = appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
