namespace Reconciler.Runtime.Docker;

/// <summary>
/// A resolved <c>storage.credentials</c> entry of the worker configuration. <see cref="ToString"/> leaves the secret
/// out, so the record is safe to log.
/// </summary>
public sealed record StorageCredential(string User, string Secret)
{
    public override string ToString() => $"user {User}";
}
