namespace Reconciler.Runtime.Libvirt.Native;

/// <summary>
/// One domain from <c>virConnectGetAllDomainStats</c>: libvirt's <c>virDomainState</c> number, total guest CPU
/// time in nanoseconds (running domains only), and our metadata element when it was asked for (null: none).
/// </summary>
internal sealed record DomainRecord(string Name, string Uuid, int State, ulong? CpuTimeNanoseconds, string? Metadata, bool MetadataRead);
