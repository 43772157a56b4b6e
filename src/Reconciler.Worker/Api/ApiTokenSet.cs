using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Api;

/// <summary>
/// The configured API tokens, kept only as SHA-256 digests: the token text is hashed when it is read at start-up
/// and dropped. A presented token is hashed the same way and compared with every digest in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), without stopping at the first match, so the answer
/// time says nothing about which token, or how much of one, matched. <see cref="ToString"/> shows names only.
/// </summary>
internal sealed class ApiTokenSet
{
    /// <summary>Shorter tokens are refused at start-up: a bearer token is a password that is never rate-limited.</summary>
    public const int MinimumLength = 16;

    private const string Scheme = "Bearer ";
    private readonly IReadOnlyList<(byte[] Digest, ApiCaller Caller)> _entries;

    private ApiTokenSet(IReadOnlyList<(byte[] Digest, ApiCaller Caller)> entries) => _entries = entries;

    public static ApiTokenSet Empty { get; } = new([]);

    public int Count => _entries.Count;

    /// <summary>Reads every token the <c>api</c> section names; problems are located at the token's entry.</summary>
    public static ApiTokenSet Read(ApiConfig config, string baseDirectory, List<Diagnostic> diagnostics)
    {
        var entries = new List<(byte[] Digest, ApiCaller Caller)>();
        foreach (var token in config.Tokens)
        {
            if (SecretReader.Read(token.Token, baseDirectory, diagnostics)?.Trim() is not { } text)
            {
                continue;
            }

            if (text.Length < MinimumLength)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid,
                    $"api token '{token.Name}': the {token.Token} holds fewer than {MinimumLength} characters; use a long random token (openssl rand -hex 32)", token.Token.Location));
                continue;
            }

            var digest = Digest(text);
            if (entries.FirstOrDefault(e => CryptographicOperations.FixedTimeEquals(e.Digest, digest)) is { Caller: { } twin })
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid,
                    $"api token '{token.Name}' has the same value as '{twin.Name}'; every caller needs its own token", token.Token.Location));
                continue;
            }

            entries.Add((digest, new ApiCaller(token.Name, token.Role, token.Team)));
        }

        return new ApiTokenSet(entries);
    }

    /// <summary>The caller whose token the <c>Authorization</c> header carries, or null (missing, malformed or unknown).</summary>
    public ApiCaller? Authenticate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var presented = Digest(authorization[Scheme.Length..].Trim());
        ApiCaller? match = null;
        foreach (var (digest, caller) in _entries)
        {
            // Every digest is compared: no early exit, so timing does not depend on the position of the match.
            if (CryptographicOperations.FixedTimeEquals(digest, presented))
            {
                match = caller;
            }
        }

        return match;
    }

    public override string ToString() => $"ApiTokenSet({string.Join(", ", _entries.Select(e => e.Caller.Name))}; values redacted)";

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
