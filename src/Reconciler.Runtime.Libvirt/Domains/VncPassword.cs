using System.Security.Cryptography;
using System.Xml.Linq;

namespace Reconciler.Runtime.Libvirt.Domains;

/// <summary>
/// VNC passwords: 8 random characters (the VNC protocol, and libvirt, accept at most 8). The password lives only in
/// the libvirt domain definition (root-only on the host) and is read back with <c>VIR_DOMAIN_XML_SECURE</c>; it
/// is never logged, never in metadata, never in git.
/// </summary>
internal static class VncPassword
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 8);

    /// <summary>The password of the VNC graphics in a secure domain XML, or null.</summary>
    public static string? Read(string? secureXml) => Access(secureXml)?.Password;

    /// <summary>Password, listen address and port (null while the domain is off) of the VNC graphics, or null.</summary>
    public static VncAccess? Access(string? secureXml)
    {
        if (secureXml is null
            || XElement.Parse(secureXml).Element("devices")?.Elements("graphics").FirstOrDefault(g => (string?)g.Attribute("type") == "vnc") is not { } graphics
            || graphics.Attribute("passwd")?.Value is not { } password)
        {
            return null;
        }

        var port = int.TryParse((string?)graphics.Attribute("port"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0 ? p : (int?)null;
        return new VncAccess(password, (string?)graphics.Attribute("listen") ?? "127.0.0.1", port);
    }
}

/// <summary>How to reach a desktop VM's screen. <see cref="Port"/> is null while the VM is off (libvirt picks it at start).</summary>
public sealed record VncAccess(string Password, string Listen, int? Port)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"VncAccess({Listen}:{Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"})";
}
