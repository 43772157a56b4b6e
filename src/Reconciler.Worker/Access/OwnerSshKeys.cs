using Microsoft.Extensions.Logging;
using Reconciler.Core.Configuration;
using Reconciler.Core.Desired;
using Reconciler.GitHub.Keys;

namespace Reconciler.Worker.Access;

/// <summary>
/// The public keys an <c>access.ssh</c> workspace accepts: its owner's (<c>owner:</c> in workspace.yaml) from
/// <c>access.sshKeys</c> of the worker configuration, either listed there or, for <c>{ github: LOGIN }</c>, that GitHub
/// account's public keys (<see cref="GitHubPublicKeys"/>, cached). None when the workspace names no owner, the owner has
/// no keys, or GitHub could not be asked and nothing was cached (logged; the workspace then fails with SshKeysMissing).
/// </summary>
internal sealed partial class OwnerSshKeys(AccessConfig access, GitHubPublicKeys? github = null, ILogger? logger = null)
{
    public async Task<IReadOnlyList<string>> ForAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
    {
        if (desired.Spec.Owner is not { } owner)
        {
            return [];
        }

        if (access.SshKeys.TryGetValue(owner, out var keys))
        {
            return keys;
        }

        if (github is not null && access.GitHubLogins.TryGetValue(owner, out var login))
        {
            try
            {
                return await github.ForAsync(login, cancellationToken);
            }
            catch (GitHubKeysUnavailableException e)
            {
                if (logger is not null)
                {
                    GitHubKeysUnavailable(logger, owner, e.Message);
                }
            }
        }

        return [];
    }

    [LoggerMessage(EventId = 5662, Level = LogLevel.Warning, Message = "No SSH keys for {Owner}: {Error}")]
    private static partial void GitHubKeysUnavailable(ILogger logger, string owner, string error);
}
