namespace Reconciler.Worker.Metrics;

/// <summary>
/// A Prometheus histogram with fixed upper bounds (seconds). Observations are counted per bucket under a lock
/// (a few nanoseconds; observations are per reconcile or fetch, not per request), and exposed cumulatively.
/// </summary>
internal sealed class Histogram(string name, string help, IReadOnlyList<double> upperBounds)
{
    private readonly Lock _gate = new();
    private readonly long[] _buckets = new long[upperBounds.Count];
    private long _count;
    private double _sum;

    public string Name { get; } = name;

    public void Observe(TimeSpan duration)
    {
        var seconds = Math.Max(0, duration.TotalSeconds);
        lock (_gate)
        {
            _count++;
            _sum += seconds;
            for (var i = 0; i < upperBounds.Count; i++)
            {
                if (seconds <= upperBounds[i])
                {
                    _buckets[i]++;
                    break;
                }
            }
        }
    }

    public void WriteTo(PrometheusWriter writer)
    {
        long[] buckets;
        long count;
        double sum;
        lock (_gate)
        {
            buckets = (long[])_buckets.Clone();
            count = _count;
            sum = _sum;
        }

        writer.Family(Name, "histogram", help);
        long cumulative = 0;
        for (var i = 0; i < upperBounds.Count; i++)
        {
            cumulative += buckets[i];
            writer.Sample(Name + "_bucket", cumulative, ("le", PrometheusWriter.Format(upperBounds[i])));
        }

        writer.Sample(Name + "_bucket", count, ("le", "+Inf"));
        writer.Sample(Name + "_sum", sum);
        writer.Sample(Name + "_count", count);
    }
}
