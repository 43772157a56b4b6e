namespace Reconciler.Runtime.Libvirt.Native;

/// <summary>A libvirt call failed; <see cref="Code"/> is libvirt's <c>virErrorNumber</c>.</summary>
public sealed class LibvirtException(string operation, int code, string message)
    : Exception($"{operation}: {message}")
{
    public string Operation { get; } = operation;

    public int Code { get; } = code;
}
