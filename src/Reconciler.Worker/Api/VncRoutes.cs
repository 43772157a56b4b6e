using Microsoft.AspNetCore.Http;
using Reconciler.Core.State;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Api;

/// <summary>
/// <c>GET /api/vnc/{repository}/{workspace}</c>: the VNC address and password of a desktop VM. The password is read
/// from libvirt at request time (it is stored nowhere else), answered only to a caller who may see the workspace
/// (admin, or its team) with <c>Cache-Control: no-store</c>, and never logged. Anything else is 404.
/// </summary>
internal static class VncRoutes
{
    public static async Task<IResult> GetAsync(HttpContext context, string path, string? repository, IStateStore store, RuntimeSet runtimes, CancellationToken cancellationToken)
    {
        if (ApiKeys.Workspace(path, repository) is not { } key
            || await store.GetWorkspaceStatusAsync(key, cancellationToken) is not { } workspace
            || !context.Caller().CanSee(workspace)
            || workspace.RuntimeHost is not { } host
            || runtimes.Vm(host) is not { } vm
            || await vm.ReadVncAsync(key, cancellationToken) is not { } vnc)
        {
            return ApiResults.NotFound(context);
        }

        context.Response.Headers.CacheControl = "no-store";
        return ApiResults.Ok(new VncView(key.Repository, key.Workspace, host, vnc.Listen, vnc.Port, vnc.Password));
    }
}

/// <summary>The answer of <see cref="VncRoutes"/>; <see cref="Port"/> is null while the VM is off.</summary>
internal sealed record VncView(string Repository, string Workspace, string Host, string Listen, int? Port, string Password)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"VncView({Repository}/{Workspace} on {Host} {Listen}:{Port})";
}
