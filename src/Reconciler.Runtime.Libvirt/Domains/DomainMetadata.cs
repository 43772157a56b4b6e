using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Reconciler.Runtime.Libvirt.Domains;

/// <summary>
/// Ownership written into a domain's <c>&lt;metadata&gt;</c> under our own namespace: repository, workspace, spec
/// hash, commit, the base image the overlay was made from, creation time and the flattened spec (to explain a
/// recreate). A domain without this element is never touched.
/// </summary>
internal sealed record DomainMetadata(
    string Repository,
    string Workspace,
    string SpecHash,
    string Commit,
    string BaseImage,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>
    /// Host ports the domain holds by port key (<c>3389/tcp=32001</c>, the Docker label's format) and the address they
    /// listen on: allocation on this host is derived from the domains that exist, and a recreate keeps them.
    /// </summary>
    public IReadOnlyDictionary<string, int> HostPorts { get; init; } = new Dictionary<string, int>();

    /// <summary>The address <see cref="HostPorts"/> listen on.</summary>
    public string? HostPortListen { get; init; }

    /// <summary>Namespace URI of our metadata element (libvirt keys metadata by URI).</summary>
    public const string NamespaceUri = "https://reconciler.dev/xmlns/libvirt/workspace/1";

    public const string Prefix = "reconciler";

    private static readonly XNamespace Ns = NamespaceUri;

    public XElement ToXml()
    {
        var sorted = new SortedDictionary<string, string>(Fields.ToDictionary(), StringComparer.Ordinal);
        return new XElement(
            Ns + "workspace",
            new XAttribute(XNamespace.Xmlns + Prefix, NamespaceUri),
            new XAttribute("repository", Repository),
            new XAttribute("workspace", Workspace),
            new XAttribute("specHash", SpecHash),
            new XAttribute("commit", Commit),
            new XAttribute("baseImage", BaseImage),
            new XAttribute("created", Created.ToString("O", CultureInfo.InvariantCulture)),
            HostPorts.Count == 0 ? null : new XAttribute("hostPorts", Core.Access.HostPortLabel.Format(HostPorts)),
            HostPorts.Count == 0 || HostPortListen is null ? null : new XAttribute("hostPortListen", HostPortListen),
            new XElement(Ns + "spec", JsonSerializer.Serialize(sorted)));
    }

    /// <summary>Reads the element libvirt returns; null when it is not ours or is incomplete.</summary>
    public static DomainMetadata? Parse(string xml)
    {
        XElement element;
        try
        {
            element = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return null;
        }

        // libvirt returns the element without its namespace (the URI is the lookup key): match the local name.
        if (element.Name.LocalName != "workspace"
            || Attribute(element, "repository") is not { } repository
            || Attribute(element, "workspace") is not { } workspace
            || Attribute(element, "specHash") is not { } hash)
        {
            return null;
        }

        var created = DateTimeOffset.TryParse(Attribute(element, "created"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.UnixEpoch;
        return new DomainMetadata(
            repository,
            workspace,
            hash,
            Attribute(element, "commit") ?? "",
            Attribute(element, "baseImage") ?? "",
            created,
            ParseFields(element.Elements().FirstOrDefault(e => e.Name.LocalName == "spec")?.Value))
        {
            HostPorts = Core.Access.HostPortLabel.Parse(Attribute(element, "hostPorts")),
            HostPortListen = Attribute(element, "hostPortListen"),
        };
    }

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private static Dictionary<string, string> ParseFields(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
