using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Benchmarks;

/// <summary>
/// <see cref="PolicyBenchmarks"/>' documents and evaluation timed by the process's CPU time instead of the wall clock:
/// on a shared machine the wall clock counts the time other processes held the core, CPU time does not. Run it pinned
/// to one core (<c>taskset -c 1</c>) so that the figure is one core's. Prints documents per CPU-second and per
/// wall-clock second after <c>seconds</c> of evaluation (JIT and tiering included: run long enough to dwarf them).
/// </summary>
internal static class PolicyCpuTime
{
    public static int Run(int violatingPercent, double seconds)
    {
        var benchmark = new PolicyBenchmarks { ViolatingPercent = violatingPercent };
        benchmark.Setup();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long documents = 0;
        long violations = 0;
        while (wall.Elapsed.TotalSeconds < seconds)
        {
            violations += benchmark.EvaluateDefaultSet();
            documents += PolicyBenchmarks.Documents;
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{violatingPercent} % violating: {documents / cpu.TotalSeconds:F0} documents per CPU-second, {documents / wall.Elapsed.TotalSeconds:F0} per wall-clock second, {(double)violations / documents:F2} violations per document"));
        return 0;
    }
}
