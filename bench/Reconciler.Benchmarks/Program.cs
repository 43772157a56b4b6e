using BenchmarkDotNet.Running;

namespace Reconciler.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["converge-warm", var repository, var runs])
        {
            return await WarmConverge.RunAsync(repository, int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (args is ["vm", var domains, var vmRuns])
        {
            return await VmBench.RunAsync(int.Parse(domains, System.Globalization.CultureInfo.InvariantCulture), int.Parse(vmRuns, System.Globalization.CultureInfo.InvariantCulture));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
