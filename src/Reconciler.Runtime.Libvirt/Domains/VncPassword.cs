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
    public static string? Read(string? secureXml)
        => secureXml is null
            ? null
            : XElement.Parse(secureXml).Element("devices")?.Elements("graphics")
                .FirstOrDefault(g => (string?)g.Attribute("type") == "vnc")?.Attribute("passwd")?.Value;
}
