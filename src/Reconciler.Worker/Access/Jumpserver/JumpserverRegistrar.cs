using Reconciler.Core.Desired;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary>
/// Registers one workspace with Jumpserver, idempotently: the host asset (created, or updated to the current address
/// and ports), the owner's Jumpserver user, and a permission granting the asset to that user; and removes both again.
/// </summary>
internal sealed class JumpserverRegistrar(JumpserverClient client, JumpserverSettings settings, TimeProvider time)
{
    /// <summary>Returns the asset id.</summary>
    public async Task<string> RegisterAsync(WorkspaceKey key, string owner, string address, IReadOnlyList<(string Protocol, int Port)> protocols, CancellationToken cancellationToken)
    {
        var name = JumpserverAssets.Name(key);
        var userId = await client.FindUserAsync(owner, cancellationToken)
            ?? throw new JumpserverException("JumpserverUserMissing", $"Jumpserver has no user '{owner}' (the workspace's owner) to grant the asset to");
        var body = JumpserverAssets.Host(key, address, protocols, settings.Config);
        var assetId = await client.FindHostAsync(name, cancellationToken) is { } existing
            ? await client.UpdateHostAsync(existing, body, cancellationToken)
            : await client.CreateHostAsync(body, cancellationToken);
        if (await client.FindPermissionAsync(name, cancellationToken) is null)
        {
            await client.CreatePermissionAsync(JumpserverAssets.Permission(key, assetId, userId, time.GetUtcNow()), cancellationToken);
        }

        return assetId;
    }

    public async Task DeregisterAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        var name = JumpserverAssets.Name(key);
        if (await client.FindPermissionAsync(name, cancellationToken) is { } permission)
        {
            await client.DeletePermissionAsync(permission, cancellationToken);
        }

        if (await client.FindHostAsync(name, cancellationToken) is { } host)
        {
            await client.DeleteHostAsync(host, cancellationToken);
        }
    }
}

/// <summary>A registration Jumpserver refused for a reason the user can fix (a missing user, no owner).</summary>
internal sealed class JumpserverException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
