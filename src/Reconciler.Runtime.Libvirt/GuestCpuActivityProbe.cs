using System.Collections.Concurrent;
using System.Globalization;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Libvirt;

/// <summary>
/// Activity of VM workspaces for idle timeouts: a running domain is active when its guest used more than
/// <see cref="LibvirtRuntimeOptions.ActiveCpuCores"/> of CPU since the previous probe (guest CPU time from the same one
/// list call as observation). The first probe of a domain after the worker started has no previous sample and reports
/// nothing (idleness then counts from the last recorded activity); a restarted domain starts a new baseline.
/// </summary>
internal sealed class GuestCpuActivityProbe(LibvirtWorkspaceRuntime runtime, LibvirtRuntimeOptions options) : IActivityProbe
{
    private readonly ConcurrentDictionary<WorkspaceKey, GuestCpuSample> _previous = new();

    public async Task<IReadOnlyDictionary<string, string>> ProbeAsync(IReadOnlyList<WorkspaceObservation> running, CancellationToken cancellationToken)
    {
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var repository in running.GroupBy(o => o.Key.Repository))
        {
            var samples = (await runtime.ObserveGuestCpuAsync(repository.Key, cancellationToken)).ToDictionary(s => s.Key);
            foreach (var observation in repository)
            {
                if (!samples.TryGetValue(observation.Key, out var sample) || sample.CpuTime is not { } cpu)
                {
                    _previous.TryRemove(observation.Key, out _);
                    continue;
                }

                if (_previous.TryGetValue(observation.Key, out var before) && before.CpuTime is { } earlier && cpu >= earlier && sample.At > before.At)
                {
                    var cores = (cpu - earlier).TotalSeconds / (sample.At - before.At).TotalSeconds;
                    if (cores > options.ActiveCpuCores)
                    {
                        active[observation.Id] = string.Create(CultureInfo.InvariantCulture, $"guest CPU {cores:0.00} cores");
                    }
                }

                _previous[observation.Key] = sample;
            }
        }

        return active;
    }
}
