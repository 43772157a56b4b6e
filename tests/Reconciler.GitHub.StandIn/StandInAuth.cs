using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reconciler.GitHub.StandIn;

/// <summary>
/// Who may call the stand-in, as GitHub decides it: a personal token, or a GitHub App's RS256 JWT (signature checked
/// with the App's public key, issuer = App id, at most 10 minutes) for app routes and the installation tokens it handed out for the rest.
/// </summary>
public sealed class StandInAuth
{
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);

    public long? AppId { get; private set; }

    public RSA? AppKey { get; private set; }

    /// <summary>When true every request is answered 401 Bad credentials.</summary>
    public bool RejectAll { get; set; }

    public void AllowToken(string token)
    {
        lock (_tokens)
        {
            _tokens.Add(token);
        }
    }

    public void TrustApp(long appId, RSA key) => (AppId, AppKey) = (appId, key);

    public bool IsToken(string? credential)
    {
        lock (_tokens)
        {
            return credential is not null && _tokens.Contains(credential);
        }
    }

    /// <summary>Null when <paramref name="jwt"/> is a valid App JWT; otherwise why not.</summary>
    public string? CheckJwt(string? jwt, DateTimeOffset now)
    {
        if (AppId is null || AppKey is null || jwt?.Split('.') is not [var header, var payload, var signature])
        {
            return "not an App JWT";
        }

        if (!AppKey.VerifyData(Encoding.ASCII.GetBytes(header + "." + payload), Decode(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "the JWT signature does not verify";
        }

        using var claims = JsonDocument.Parse(Decode(payload));
        var iat = claims.RootElement.GetProperty("iat").GetInt64();
        var exp = claims.RootElement.GetProperty("exp").GetInt64();
        var iss = claims.RootElement.GetProperty("iss").GetString();
        return iss != AppId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) ? "iss is not the App id"
            : exp - iat > 600 ? "the JWT lives longer than 10 minutes"
            : exp < now.ToUnixTimeSeconds() || iat > now.ToUnixTimeSeconds() + 60 ? "the JWT is expired or not yet valid"
            : JsonDocument.Parse(Decode(header)).RootElement.GetProperty("alg").GetString() != "RS256" ? "alg is not RS256"
            : null;
    }

    private static byte[] Decode(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }
}
