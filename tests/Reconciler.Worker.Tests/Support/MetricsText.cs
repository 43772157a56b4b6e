using System.Globalization;

namespace Reconciler.Worker.Tests.Support;

/// <summary>A strict reader of the Prometheus text format: every sample line is <c>name{labels} value</c>, and every sample's family has a TYPE.</summary>
internal static class MetricsText
{
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                types.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var value = line[(space + 1)..] == "+Inf" ? double.PositiveInfinity : double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            var name = series.Split('{')[0];
            Assert.True(types.Contains(name) || types.Contains(Family(name)), $"no TYPE line for {name}");
            Assert.True(samples.TryAdd(series, value), $"sample written twice: {series}");
        }

        return samples;
    }

    private static string Family(string sample)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal))
            {
                return sample[..^suffix.Length];
            }
        }

        return sample;
    }
}
