using System.Security.Cryptography;
using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.GitHub.Checks;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Resolves the <c>github</c> section at start-up: reads the App's private key (and checks it is an RSA key in PEM)
/// or the token. A missing or unusable secret is an error at the line that names it; the secret itself never appears.
/// </summary>
internal static class GitHubCredentialsReader
{
    public static GitHubReportingOptions? Read(GitHubConfig? config, string baseDirectory, List<Diagnostic> diagnostics)
    {
        if (config is null)
        {
            return null;
        }

        string? key = null;
        if (config.IsApp && config.PrivateKey is { } keyReference && SecretReader.Read(keyReference, baseDirectory, diagnostics) is { } pem)
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                key = pem;
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"the {keyReference} does not hold an RSA private key in PEM (download it from the App's settings)", keyReference.Location));
            }
        }

        var token = !config.IsApp && config.Token is { } tokenReference ? SecretReader.Read(tokenReference, baseDirectory, diagnostics)?.Trim() : null;
        return new GitHubReportingOptions
        {
            ApiUrl = config.ApiUrl,
            AppId = config.AppId,
            PrivateKeyPem = key,
            Token = token,
            CheckName = config.CheckName,
        };
    }
}
