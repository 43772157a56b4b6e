using Reconciler.Core.Configuration;
using Reconciler.Core.Desired;

namespace Reconciler.Worker.Access;

/// <summary>
/// The public keys an <c>access.ssh</c> workspace accepts: its owner's (<c>owner:</c> in workspace.yaml) from
/// <c>access.sshKeys</c> of the worker configuration. None when the workspace names no owner or the owner has no keys.
/// </summary>
internal sealed class OwnerSshKeys(AccessConfig access)
{
    public Task<IReadOnlyList<string>> ForAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
        => Task.FromResult(desired.Spec.Owner is { } owner && access.SshKeys.TryGetValue(owner, out var keys) ? keys : (IReadOnlyList<string>)[]);
}
