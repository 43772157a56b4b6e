using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Turns the schema's "unknown key" for an inline secret (<c>token:</c>, <c>secret:</c>, <c>password:</c>) into an
/// error that says why: the file is committed and logged, so it only ever names where a secret is.
/// </summary>
internal static class InlineSecrets
{
    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase) { "token", "secret", "password", "webhookSecret", "privateKey", "accessKey", "secretKey" };

    public static Diagnostic Explain(Diagnostic diagnostic)
    {
        if (diagnostic.Code != DiagnosticCodes.UnknownKey || diagnostic.JsonPointer is not { } pointer)
        {
            return diagnostic;
        }

        var slash = pointer.LastIndexOf('/');
        var key = slash < 0 ? pointer : pointer[(slash + 1)..];
        if (!Keys.Contains(key))
        {
            return diagnostic;
        }

        var instead = pointer.StartsWith("/storage", StringComparison.Ordinal)
            ? $"{key}Env: NAME (an environment variable) or {key}File: PATH"
            : pointer.StartsWith("/webhooks", StringComparison.Ordinal)
                ? "secretEnv: NAME (an environment variable) or secretFile: PATH"
                : key.Equals("privateKey", StringComparison.OrdinalIgnoreCase)
                    ? "privateKeyEnv: NAME (an environment variable) or privateKeyFile: PATH"
                    : "tokenEnv: NAME (an environment variable) or tokenFile: PATH";
        return diagnostic with
        {
            Message = $"{JsonPointer.ToDisplayPath(pointer)}: secrets are never written inline in the configuration; name where it is kept instead: {instead}",
        };
    }
}
