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

        if (args is ["noop-warm", var converged, var noOpRuns])
        {
            return await WarmConverge.RunNoOpAsync(converged, int.Parse(noOpRuns, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (args is ["scheduler", ..] && args.Length <= 6)
        {
            static double Arg(string[] a, int i, double fallback) => a.Length > i ? double.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            return await SchedulerScale.RunAsync((int)Arg(args, 1, 10_000), Arg(args, 2, 60), Arg(args, 3, 5), (int)Arg(args, 4, 10), args.Length > 5 && args[5] == "interleaved");
        }

        if (args is ["vm", var domains, var vmRuns])
        {
            return await VmBench.RunAsync(int.Parse(domains, System.Globalization.CultureInfo.InvariantCulture), int.Parse(vmRuns, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (args is ["policy-cpu", var percent, var seconds])
        {
            return PolicyCpuTime.Run(int.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
