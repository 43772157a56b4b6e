using System.Runtime.InteropServices;

namespace Reconciler.Runtime.Libvirt.Native;

/// <summary>
/// The few entry points of libvirt's public C API (libvirt.so.0, stable ABI since 1.x) the adapter uses.
/// Every pointer is opaque here; <see cref="LibvirtConnection"/> owns their lifetimes.
/// </summary>
internal static unsafe partial class LibvirtNative
{
    private const string Library = "libvirt.so.0";

    public const uint StatsState = 1;
    public const uint StatsCpuTotal = 2;
    public const int MetadataElement = 2;
    public const uint XmlSecure = 1;
    public const uint UndefineNvram = 4;
    public const int ErrorNoDomainMetadata = 80;
    public const int ErrorNoDomain = 42;

    [LibraryImport(Library, EntryPoint = "virInitialize")]
    public static partial int Initialize();

    [LibraryImport(Library, EntryPoint = "virSetErrorFunc")]
    public static partial void SetErrorFunc(IntPtr userData, delegate* unmanaged<IntPtr, IntPtr, void> handler);

    [LibraryImport(Library, EntryPoint = "virGetLastErrorMessage")]
    public static partial IntPtr GetLastErrorMessage();

    [LibraryImport(Library, EntryPoint = "virGetLastErrorCode")]
    public static partial int GetLastErrorCode();

    [LibraryImport(Library, EntryPoint = "virConnectOpen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ConnectOpen(string uri);

    [LibraryImport(Library, EntryPoint = "virConnectClose")]
    public static partial int ConnectClose(IntPtr connection);

    [LibraryImport(Library, EntryPoint = "virConnectGetAllDomainStats")]
    public static partial int ConnectGetAllDomainStats(IntPtr connection, uint stats, out IntPtr records, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainStatsRecordListFree")]
    public static partial void DomainStatsRecordListFree(IntPtr records);

    [LibraryImport(Library, EntryPoint = "virDomainLookupByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DomainLookupByName(IntPtr connection, string name);

    [LibraryImport(Library, EntryPoint = "virDomainLookupByUUIDString", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DomainLookupByUuidString(IntPtr connection, string uuid);

    [LibraryImport(Library, EntryPoint = "virDomainDefineXML", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DomainDefineXml(IntPtr connection, string xml);

    [LibraryImport(Library, EntryPoint = "virDomainFree")]
    public static partial int DomainFree(IntPtr domain);

    [LibraryImport(Library, EntryPoint = "virDomainGetName")]
    public static partial IntPtr DomainGetName(IntPtr domain);

    [LibraryImport(Library, EntryPoint = "virDomainGetUUIDString")]
    public static partial int DomainGetUuidString(IntPtr domain, byte* buffer);

    [LibraryImport(Library, EntryPoint = "virDomainGetMetadata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DomainGetMetadata(IntPtr domain, int type, string uri, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainGetXMLDesc")]
    public static partial IntPtr DomainGetXmlDesc(IntPtr domain, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainGetState")]
    public static partial int DomainGetState(IntPtr domain, out int state, out int reason, uint flags);

    [LibraryImport(Library, EntryPoint = "virDomainCreate")]
    public static partial int DomainCreate(IntPtr domain);

    [LibraryImport(Library, EntryPoint = "virDomainShutdown")]
    public static partial int DomainShutdown(IntPtr domain);

    [LibraryImport(Library, EntryPoint = "virDomainDestroy")]
    public static partial int DomainDestroy(IntPtr domain);

    [LibraryImport(Library, EntryPoint = "virDomainUndefineFlags")]
    public static partial int DomainUndefineFlags(IntPtr domain, uint flags);

    /// <summary>Ignores an error instead of libvirt's default handler, which prints it to stderr; errors are read back with <see cref="GetLastErrorMessage"/>.</summary>
    [UnmanagedCallersOnly]
    public static void IgnoreError(IntPtr userData, IntPtr error)
    {
    }
}
