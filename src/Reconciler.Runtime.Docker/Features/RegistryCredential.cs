namespace Reconciler.Runtime.Docker.Features;

/// <summary>A user name and password (or token) for one registry host, from the worker configuration. Never logged.</summary>
public sealed record RegistryCredential(string Username, string Password)
{
    public override string ToString() => $"RegistryCredential({Username}, ***)";
}
