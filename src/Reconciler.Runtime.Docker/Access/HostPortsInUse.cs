using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Access;

/// <summary>What one list of every container on a host says about host ports, seen from one workspace.</summary>
/// <param name="InUse">Host ports held by anything but this workspace: other managed workspaces of every repository
/// (running or stopped, from their label) and any running container's published ports.</param>
/// <param name="Own">The ports this workspace's existing container (a leftover of an interrupted create) holds, by port key.</param>
internal sealed record HostPortsInUse(IReadOnlySet<int> InUse, IReadOnlyDictionary<string, int> Own);
