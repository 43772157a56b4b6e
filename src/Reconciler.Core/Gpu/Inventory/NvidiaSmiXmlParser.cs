using System.Xml;
using System.Xml.Linq;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// Reads <c>nvidia-smi -q -x</c>. The output starts with a DOCTYPE naming a DTD file next to nvidia-smi;
/// the DTD is ignored, never fetched, and no entity is expanded (an entity reference is an error), so a
/// hostile document cannot read files, reach the network or grow in memory.
/// </summary>
public static class NvidiaSmiXmlParser
{
    public const string DefaultSource = "nvidia-smi -q -x";

    /// <summary>Largest document accepted (4 MiB; one GPU prints about 25 KiB).</summary>
    public const int MaxChars = 4 * 1024 * 1024;

    public static ParseResult<IReadOnlyList<GpuDevice>> Parse(string xml, string source = DefaultSource)
    {
        var diagnostics = new DiagnosticBag();
        if (xml.Length > MaxChars)
        {
            diagnostics.Error(DiagnosticCodes.FileTooLarge, $"{xml.Length} characters is more than the {MaxChars} accepted", SourceLocation.StartOf(source));
            return ParseResult<IReadOnlyList<GpuDevice>>.Failed(diagnostics.Items);
        }

        if (Load(xml, source, diagnostics) is not { Root: { } root })
        {
            return ParseResult<IReadOnlyList<GpuDevice>>.Failed(diagnostics.Items);
        }

        if (root.Name.LocalName != "nvidia_smi_log")
        {
            diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, $"expected <nvidia_smi_log>, found <{MessageText.Escape(root.Name.LocalName)}>", At(source, root));
            return ParseResult<IReadOnlyList<GpuDevice>>.Failed(diagnostics.Items);
        }

        var devices = new List<GpuDevice>();
        foreach (var gpu in root.Elements("gpu"))
        {
            if (Device(devices.Count, gpu, source, diagnostics) is { } device)
            {
                devices.Add(device);
            }
        }

        return new ParseResult<IReadOnlyList<GpuDevice>>(devices, diagnostics.Items);
    }

    private static XDocument? Load(string xml, string source, DiagnosticBag diagnostics)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxChars,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            var code = e.Message.Contains("entity", StringComparison.OrdinalIgnoreCase) ? DiagnosticCodes.GpuInventoryUnsafe : DiagnosticCodes.SyntaxError;
            diagnostics.Error(code, $"not valid nvidia-smi XML: {MessageText.Escape(e.Message, 200)}", new SourceLocation(source, Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition)));
            return null;
        }
    }

    private static GpuDevice? Device(int index, XElement gpu, string source, DiagnosticBag diagnostics)
    {
        var uuid = Text(gpu.Element("uuid"));
        var name = Text(gpu.Element("product_name"));
        var memory = Mib(gpu.Element("fb_memory_usage")?.Element("total"));
        if (uuid is null || name is null || memory is null)
        {
            var missing = uuid is null ? "uuid" : name is null ? "product_name" : "fb_memory_usage/total (\"<n> MiB\")";
            diagnostics.Error(DiagnosticCodes.GpuInventoryInvalid, $"GPU {index}: missing or unreadable {missing}", At(source, gpu));
            return null;
        }

        var mig = gpu.Element("mig_mode");
        return new GpuDevice(
            index,
            uuid,
            name,
            memory.Value,
            Text(gpu.Element("pci")?.Element("pci_bus_id")) ?? (string?)gpu.Attribute("id"),
            Mode(Text(mig?.Element("current_mig"))),
            Mode(Text(mig?.Element("pending_mig"))));
    }

    private static MigMode Mode(string? text) => text switch
    {
        "Enabled" => MigMode.Enabled,
        "Disabled" => MigMode.Disabled,
        _ => MigMode.NotSupported,
    };

    private static long? Mib(XElement? element)
    {
        var text = Text(element);
        if (text is null || !text.EndsWith(" MiB", StringComparison.Ordinal))
        {
            return null;
        }

        return long.TryParse(text[..^4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mib) ? mib : null;
    }

    private static string? Text(XElement? element)
    {
        var text = element?.Value.Trim();
        return string.IsNullOrEmpty(text) || text == "N/A" ? null : text;
    }

    private static SourceLocation At(string source, IXmlLineInfo node)
        => node.HasLineInfo() ? new SourceLocation(source, node.LineNumber, node.LinePosition) : SourceLocation.StartOf(source);
}
