namespace Reconciler.Core.Queue;

/// <summary>
/// Per-key retry delays for transient failures: <c>min(base × 2^failures, max) × (1 + jitterFraction × j)</c>,
/// where <c>j</c> in [0, 1] comes from an injected source. Defaults: base 5 s, max 5 min, jitter up to +20 %,
/// so the delays run 5, 10, 20, 40, 80, 160, 300, 300 … seconds before jitter and never exceed 6 min after it.
/// Jitter is applied after the cap on purpose: many keys failing together (an engine outage) must not retry
/// in lock-step at exactly the cap.
/// </summary>
public sealed class ExponentialBackoff
{
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromMinutes(5);
    public const double DefaultJitterFraction = 0.2;

    private readonly Func<double> jitter;

    /// <param name="jitter">A source of values in [0, 1] (<c>Random.Shared.NextDouble</c> in the host, a constant in tests); values outside are clamped.</param>
    /// <param name="baseDelay">The delay after the first failure; default 5 s.</param>
    /// <param name="maxDelay">The cap before jitter; default 5 min.</param>
    /// <param name="jitterFraction">The largest fraction added by jitter; default 0.2 (+20 %).</param>
    public ExponentialBackoff(Func<double> jitter, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, double jitterFraction = DefaultJitterFraction)
    {
        ArgumentNullException.ThrowIfNull(jitter);
        BaseDelay = baseDelay ?? DefaultBaseDelay;
        MaxDelay = maxDelay ?? DefaultMaxDelay;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BaseDelay, TimeSpan.Zero, nameof(baseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(maxDelay));
        if (!double.IsFinite(jitterFraction) || jitterFraction < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(jitterFraction), jitterFraction, "Jitter fraction must be a finite number ≥ 0.");
        }

        JitterFraction = jitterFraction;
        this.jitter = jitter;
    }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public double JitterFraction { get; }

    /// <summary>The delay before retry number <paramref name="failures"/> + 1 (0 for the first failure).</summary>
    public TimeSpan DelayFor(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failures);

        // Doubles cannot overflow here: 2^failures saturates at infinity and the cap takes over.
        var ticks = Math.Min(BaseDelay.Ticks * Math.Pow(2, failures), MaxDelay.Ticks);
        var j = jitter();
        j = double.IsNaN(j) ? 0 : Math.Clamp(j, 0, 1);
        return TimeSpan.FromTicks((long)Math.Min(ticks * (1 + (JitterFraction * j)), TimeSpan.MaxValue.Ticks));
    }
}
