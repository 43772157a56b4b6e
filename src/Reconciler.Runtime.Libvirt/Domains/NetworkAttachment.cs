namespace Reconciler.Runtime.Libvirt.Domains;

public enum NetworkKind
{
    /// <summary>No NIC at all.</summary>
    None,

    /// <summary>QEMU user-mode networking (no host setup, outbound only).</summary>
    User,

    /// <summary>A libvirt virtual network by name (e.g. <c>default</c>; needs dnsmasq on the host).</summary>
    Network,

    /// <summary>An existing host bridge by name.</summary>
    Bridge,
}

/// <summary>How a domain is attached to the network; written in the worker config as <c>none</c>, <c>user</c>, <c>network:NAME</c> or <c>bridge:NAME</c>.</summary>
public sealed record NetworkAttachment(NetworkKind Kind, string? Source = null)
{
    public static NetworkAttachment None { get; } = new(NetworkKind.None);

    /// <summary>Parses the config form; null when it is not one of the four forms.</summary>
    public static NetworkAttachment? Parse(string? text) => text switch
    {
        null or "" or "none" => None,
        "user" => new NetworkAttachment(NetworkKind.User),
        _ when text.StartsWith("network:", StringComparison.Ordinal) && text.Length > 8 => new NetworkAttachment(NetworkKind.Network, text[8..]),
        _ when text.StartsWith("bridge:", StringComparison.Ordinal) && text.Length > 7 => new NetworkAttachment(NetworkKind.Bridge, text[7..]),
        _ => null,
    };
}
