using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Compose;

/// <summary>The services' start order: <c>depends_on</c> (and <c>network_mode: service:…</c>) resolved, cycles located.</summary>
public static partial class ComposeProjectBuilder
{
    /// <summary>Dependencies first (Kahn's algorithm, ties by name); a dependency on an unknown service or a cycle is an error.</summary>
    private static List<ComposeService>? StartOrder(List<ComposeService> services, Dictionary<string, ComposeInput> origin, DiagnosticBag diagnostics)
    {
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var failed = false;
        foreach (var service in services)
        {
            foreach (var dependency in service.DependsOn.Where(d => !byName.ContainsKey(d.Service)))
            {
                new Where(origin[service.Name], JsonPointer.Append("/services", service.Name), diagnostics)
                    .Error(DiagnosticCodes.ComposeServiceUnknown, service.NetworkMode == "service:" + dependency.Service ? "/network_mode" : "/depends_on",
                        $"service {service.Name} depends on '{dependency.Service}', which is not a service of the project");
                failed = true;
            }
        }

        if (failed)
        {
            return null;
        }

        var remaining = services.ToDictionary(s => s.Name, s => s.DependsOn.Select(d => d.Service).Distinct().Count(), StringComparer.Ordinal);
        var ordered = new List<ComposeService>();
        var ready = new SortedSet<string>(remaining.Where(r => r.Value == 0).Select(r => r.Key), StringComparer.Ordinal);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            ordered.Add(byName[next]);
            foreach (var dependent in services.Where(s => s.DependsOn.Any(d => d.Service == next)))
            {
                if (--remaining[dependent.Name] == 0)
                {
                    ready.Add(dependent.Name);
                }
            }
        }

        if (ordered.Count == services.Count)
        {
            return ordered;
        }

        var cycle = Cycle(services.Where(s => !ordered.Contains(s)).ToDictionary(s => s.Name, StringComparer.Ordinal));
        new Where(origin[cycle[0]], JsonPointer.Append("/services", cycle[0]), diagnostics)
            .Error(DiagnosticCodes.ComposeDependencyCycle, byName[cycle[0]].NetworkMode == "service:" + cycle[1] ? "/network_mode" : "/depends_on",
                $"depends_on cycle: {string.Join(" → ", cycle)}");
        return null;
    }

    private static List<string> Cycle(Dictionary<string, ComposeService> left)
    {
        var path = new List<string>();
        var current = left.Keys.Order(StringComparer.Ordinal).First();
        while (!path.Contains(current))
        {
            path.Add(current);
            current = left[current].DependsOn.Select(d => d.Service).Where(left.ContainsKey).Order(StringComparer.Ordinal).First();
        }

        return [.. path.Skip(path.IndexOf(current)), current];
    }
}
