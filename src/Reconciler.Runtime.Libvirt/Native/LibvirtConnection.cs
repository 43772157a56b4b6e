using System.Runtime.InteropServices;

namespace Reconciler.Runtime.Libvirt.Native;

/// <summary>
/// One open connection to a libvirt daemon (thread-safe in libvirt). Domain handles never leave this class: each
/// call looks the domain up by name and frees the handle. Failures throw <see cref="LibvirtException"/> with
/// libvirt's own message.
/// </summary>
internal sealed unsafe class LibvirtConnection : IDisposable
{
    private static readonly Lock InitLock = new();
    private static bool _initialized;
    private IntPtr _connection;

    public LibvirtConnection(string uri)
    {
        EnsureInitialized();
        _connection = LibvirtNative.ConnectOpen(uri);
        if (_connection == IntPtr.Zero)
        {
            throw LastError($"open {uri}");
        }
    }

    /// <summary>
    /// Every domain (running or not) with its state and CPU time in ONE daemon call; <paramref name="wantsMetadata"/>
    /// (name, uuid) picks the domains whose metadata element <paramref name="metadataUri"/> is read as well (one
    /// more call each).
    /// </summary>
    public IReadOnlyList<DomainRecord> ListDomains(string metadataUri, Func<string, string, bool> wantsMetadata)
    {
        if (LibvirtNative.ConnectGetAllDomainStats(Handle, LibvirtNative.StatsState | LibvirtNative.StatsCpuTotal, out var records, 0) < 0)
        {
            throw LastError("list domains");
        }

        try
        {
            var result = new List<DomainRecord>();
            for (var entry = (IntPtr*)records; *entry != IntPtr.Zero; entry++)
            {
                var record = (StatsRecord*)*entry;
                var name = Marshal.PtrToStringUTF8(LibvirtNative.DomainGetName(record->Domain)) ?? "";
                var uuid = Uuid(record->Domain);
                var (state, cpu) = ReadStats(record);
                string? metadata = null;
                var read = wantsMetadata(name, uuid);
                if (read && !TryMetadata(record->Domain, metadataUri, name, out metadata))
                {
                    continue; // undefined since the list call: it no longer exists
                }

                result.Add(new DomainRecord(name, uuid, state, cpu, metadata, read));
            }

            return result;
        }
        finally
        {
            LibvirtNative.DomainStatsRecordListFree(records);
        }
    }

    /// <summary>Defines (or redefines) a domain; returns its UUID.</summary>
    public string Define(string xml)
    {
        var domain = LibvirtNative.DomainDefineXml(Handle, xml);
        if (domain == IntPtr.Zero)
        {
            throw LastError("define domain");
        }

        try
        {
            return Uuid(domain);
        }
        finally
        {
            LibvirtNative.DomainFree(domain);
        }
    }

    /// <summary>libvirt's <c>virDomainState</c> of the named domain, or null when no such domain is defined.</summary>
    public int? State(string name) => WithDomain(name, "read state", domain =>
        LibvirtNative.DomainGetState(domain, out var state, out _, 0) < 0 ? throw LastError($"read state of {name}") : state);

    public void Start(string name) => Run(name, "start", LibvirtNative.DomainCreate);

    /// <summary>Asks the guest to shut down (ACPI power button); returns at once.</summary>
    public void Shutdown(string name) => Run(name, "shut down", LibvirtNative.DomainShutdown);

    /// <summary>Powers the domain off at once (the guest gets no say).</summary>
    public void Destroy(string name) => Run(name, "destroy", LibvirtNative.DomainDestroy);

    /// <summary>Removes the definition (and any NVRAM file); disks are never touched by libvirt here.</summary>
    public void Undefine(string name) => Run(name, "undefine", d => LibvirtNative.DomainUndefineFlags(d, LibvirtNative.UndefineNvram));

    /// <summary>The domain XML including secrets (the VNC password); null when the domain does not exist.</summary>
    public string? SecureXml(string name) => WithDomain(name, "read XML", domain =>
    {
        var xml = LibvirtNative.DomainGetXmlDesc(domain, LibvirtNative.XmlSecure);
        return xml == IntPtr.Zero ? throw LastError($"read XML of {name}") : TakeString(xml);
    });

    public void Dispose()
    {
        if (_connection != IntPtr.Zero)
        {
            LibvirtNative.ConnectClose(_connection);
            _connection = IntPtr.Zero;
        }
    }

    private IntPtr Handle => _connection != IntPtr.Zero ? _connection : throw new ObjectDisposedException(nameof(LibvirtConnection));

    private void Run(string name, string operation, Func<IntPtr, int> call)
    {
        var found = WithDomain<bool?>(name, operation, domain => call(domain) < 0 ? throw LastError($"{operation} {name}") : true);
        if (found is null)
        {
            throw new LibvirtException($"{operation} {name}", LibvirtNative.ErrorNoDomain, $"domain '{name}' is not defined");
        }
    }

    private T? WithDomain<T>(string name, string operation, Func<IntPtr, T> call)
    {
        var domain = LibvirtNative.DomainLookupByName(Handle, name);
        if (domain == IntPtr.Zero)
        {
            return LibvirtNative.GetLastErrorCode() == LibvirtNative.ErrorNoDomain ? default : throw LastError($"{operation} {name}");
        }

        try
        {
            return call(domain);
        }
        finally
        {
            LibvirtNative.DomainFree(domain);
        }
    }

    /// <summary>Our metadata element (null: the domain has none); false when the domain was undefined meanwhile.</summary>
    private static bool TryMetadata(IntPtr domain, string uri, string name, out string? metadata)
    {
        metadata = null;
        var text = LibvirtNative.DomainGetMetadata(domain, LibvirtNative.MetadataElement, uri, 0);
        if (text != IntPtr.Zero)
        {
            metadata = TakeString(text);
            return true;
        }

        return LibvirtNative.GetLastErrorCode() switch
        {
            LibvirtNative.ErrorNoDomainMetadata => true,
            LibvirtNative.ErrorNoDomain => false,
            _ => throw LastError($"read metadata of {name}"),
        };
    }

    private static (int State, ulong? Cpu) ReadStats(StatsRecord* record)
    {
        var state = 0;
        ulong? cpu = null;
        for (var i = 0; i < record->Count; i++)
        {
            var parameter = record->Parameters + i;
            var field = Marshal.PtrToStringUTF8((IntPtr)parameter->Field);
            if (field == "state.state" && parameter->Type == TypedParameter.Int)
            {
                state = (int)parameter->Value;
            }
            else if (field == "cpu.time" && parameter->Type == TypedParameter.ULong)
            {
                cpu = (ulong)parameter->Value;
            }
        }

        return (state, cpu);
    }

    private static string Uuid(IntPtr domain)
    {
        var buffer = stackalloc byte[37];
        if (LibvirtNative.DomainGetUuidString(domain, buffer) < 0)
        {
            throw LastError("read domain UUID");
        }

        return Marshal.PtrToStringUTF8((IntPtr)buffer) ?? "";
    }

    /// <summary>Copies a string libvirt allocated for the caller and frees it (libvirt allocates with malloc).</summary>
    private static string TakeString(IntPtr text)
    {
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            NativeMemory.Free((void*)text);
        }
    }

    private static LibvirtException LastError(string operation)
        => new(operation, LibvirtNative.GetLastErrorCode(), Marshal.PtrToStringUTF8(LibvirtNative.GetLastErrorMessage()) ?? "unknown libvirt error");

    private static void EnsureInitialized()
    {
        lock (InitLock)
        {
            if (_initialized)
            {
                return;
            }

            if (LibvirtNative.Initialize() < 0)
            {
                throw LastError("initialize libvirt");
            }

            LibvirtNative.SetErrorFunc(IntPtr.Zero, &LibvirtNative.IgnoreError);
            _initialized = true;
        }
    }

    /// <summary><c>virDomainStatsRecord</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StatsRecord
    {
        public IntPtr Domain;
        public TypedParameter* Parameters;
        public int Count;
    }

    /// <summary><c>virTypedParameter</c>: 80-byte name, type, 8-byte union (the integer forms are read through <see cref="Value"/>).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 96)]
    private struct TypedParameter
    {
        public const int Int = 1;
        public const int ULong = 4;

        [FieldOffset(0)]
        public fixed byte Field[80];

        [FieldOffset(80)]
        public int Type;

        [FieldOffset(88)]
        public long Value;
    }
}
