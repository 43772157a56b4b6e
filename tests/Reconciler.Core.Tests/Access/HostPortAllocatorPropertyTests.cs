using CsCheck;
using Reconciler.Core.Access;
using Reconciler.Core.Desired;

namespace Reconciler.Core.Tests.Access;

/// <summary>
/// Random histories on one host: up to eight workspaces of three repositories created, removed and recreated
/// (with a changed port set), while other containers take free host ports, or a port of a stopped workspace (the
/// engine allows that: a stopped container binds nothing). The range is small, so probing and a full range happen
/// often. After every step: no two running holders share a port, no allocation took a port in use, a recreate keeps
/// every port it held that nobody else took, and the same inputs give the same ports.
/// </summary>
public sealed class HostPortAllocatorPropertyTests
{
    private static readonly string[] PortKeys = ["22/tcp", "80/tcp", "3000/tcp", "8080/tcp", "8888/tcp", "53/udp"];

    /// <summary>
    /// 0 create, 1 remove, 2 recreate, 3 another container takes a free port, 4 the workspace is stopped and another
    /// container takes one of its ports; workspace w0…w7; port set as a bit mask; a port offset.
    /// </summary>
    private static readonly Gen<(int Op, int Workspace, int Mask, int Offset)> Step =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 7], Gen.Int[1, (1 << PortKeys.Length) - 1], Gen.Int[0, 40]);

    [Fact]
    public void Random_histories_never_collide_and_keep_ports_across_recreate()
    {
        Gen.Select(Gen.Int[8, 24], Step.Array[1, 40]).Sample((size, steps) =>
        {
            var range = new HostPortRange(32000, 32000 + size - 1);
            var held = new Dictionary<WorkspaceKey, IReadOnlyDictionary<string, int>>();
            var external = new HashSet<int>();
            var stolen = new HashSet<(WorkspaceKey, int)>();
            foreach (var (op, w, mask, offset) in steps)
            {
                var key = new WorkspaceKey($"github.com/acme/repo{w % 3}", $"w{w}");
                var wanted = PortKeys.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                switch (op)
                {
                    case 0 when !held.ContainsKey(key):
                        Create(key, wanted, new Dictionary<string, int>());
                        break;
                    case 1:
                        held.Remove(key);
                        stolen.RemoveWhere(s => s.Item1 == key);
                        break;
                    case 2 when held.Remove(key, out var previous):
                        var taken = InUse(key);
                        var allocated = Create(key, wanted, previous);
                        stolen.RemoveWhere(s => s.Item1 == key);
                        foreach (var portKey in wanted.Where(p => previous.ContainsKey(p) && !taken.Contains(previous[p])))
                        {
                            Assert.True(allocated is null || allocated[portKey] == previous[portKey], $"{key} lost {portKey}");
                        }

                        break;
                    case 4 when held.TryGetValue(key, out var stopped) && !stolen.Any(s => s.Item1 == key):
                        var victim = stopped.Values.Min();
                        external.Add(victim);
                        stolen.Add((key, victim));
                        break;
                    case 3:
                        var port = range.First - 5 + offset;
                        if (!InUse(null).Contains(port) && !stolen.Any(s => s.Item2 == port))
                        {
                            external.Add(port);
                        }

                        break;
                }

                var all = held.SelectMany(h => h.Value.Values.Where(p => !stolen.Contains((h.Key, p)))).Concat(external).ToList();
                Assert.Equal(all.Count, all.Distinct().Count());
            }

            IReadOnlyDictionary<string, int>? Create(WorkspaceKey key, List<string> wanted, IReadOnlyDictionary<string, int> previous)
            {
                var inUse = InUse(key);
                var allocated = HostPortAllocator.Allocate(key, wanted, previous, inUse, range);
                Assert.Equal(allocated, HostPortAllocator.Allocate(key, wanted, previous, inUse, range));
                if (allocated is null)
                {
                    var free = Enumerable.Range(range.First, range.Count).Count(p => !inUse.Contains(p));
                    Assert.True(free < wanted.Count, $"{key} got no ports with {free} free for {wanted.Count}");
                    return null;
                }

                Assert.Equal(wanted.Order(StringComparer.Ordinal), allocated.Keys);
                Assert.All(allocated.Values, p => Assert.True(range.Contains(p) && !inUse.Contains(p), $"port {p} in use or out of range"));
                Assert.Equal(allocated.Count, allocated.Values.Distinct().Count());
                held[key] = allocated;
                return allocated;
            }

            HashSet<int> InUse(WorkspaceKey? except)
                => [.. held.Where(h => h.Key != except).SelectMany(h => h.Value.Values).Concat(external)];
        }, iter: 500);
    }
}
