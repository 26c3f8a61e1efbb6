namespace Inequalities.Core.Measures;

/// <summary>Funnel-plot control limits for a proportion at one population (denominator).</summary>
/// <param name="Population">The denominator.</param>
/// <param name="Lower2s">Lower 95 % (two-sigma, one-sided 0.025) limit, clamped to [0, 100].</param>
/// <param name="Upper2s">Upper 95 % limit.</param>
/// <param name="Lower3s">Lower 99.8 % (three-sigma, one-sided 0.001) limit.</param>
/// <param name="Upper3s">Upper 99.8 % limit.</param>
/// <param name="Baseline">The average proportion × multiplier.</param>
public readonly record struct FunnelLimits(double Population, double Lower2s, double Upper2s, double Lower3s, double Upper3s, double Baseline);

/// <summary>Funnel-plot control limits for a ratio (e.g. an SMR) at one observed count.</summary>
/// <param name="Observed">The observed count O.</param>
/// <param name="Lower2sExpected">Expected events at which O sits on the lower 95 % limit (exact Poisson λ with P(X ≤ O) = 0.025).</param>
/// <param name="Upper2sExpected">Expected events at which O sits on the upper 95 % limit (λ with P(X ≥ O) = 0.025).</param>
/// <param name="Lower3sExpected">As <paramref name="Lower2sExpected"/> at 0.001.</param>
/// <param name="Upper3sExpected">As <paramref name="Upper2sExpected"/> at 0.001.</param>
public readonly record struct RatioFunnelLimits(double Observed, double Lower2sExpected, double Upper2sExpected, double Lower3sExpected, double Upper3sExpected)
{
    /// <summary>The lower 95 % ratio limit O / λ (subtract 1 for the reference's "count" type, × 100 for "isr").</summary>
    public double Lower2sRatio => Observed / Lower2sExpected;

    /// <summary>The upper 95 % ratio limit.</summary>
    public double Upper2sRatio => Observed / Upper2sExpected;

    /// <summary>The lower 99.8 % ratio limit.</summary>
    public double Lower3sRatio => Observed / Lower3sExpected;

    /// <summary>The upper 99.8 % ratio limit.</summary>
    public double Upper3sRatio => Observed / Upper3sExpected;

    /// <summary>The four ratio limits on the scale of the reference's <c>ratio_type</c>.</summary>
    /// <param name="type">Count (ratio − 1) or ISR (ratio × 100).</param>
    /// <returns>The lower and upper 95 % and 99.8 % limits on that scale.</returns>
    public (double Lower2s, double Upper2s, double Lower3s, double Upper3s) Scaled(RatioFunnelType type)
    {
        return type switch
        {
            RatioFunnelType.Count => (Lower2sRatio - 1, Upper2sRatio - 1, Lower3sRatio - 1, Upper3sRatio - 1),
            RatioFunnelType.Isr => (Lower2sRatio * 100, Upper2sRatio * 100, Lower3sRatio * 100, Upper3sRatio * 100),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "expected Count or Isr"),
        };
    }
}

/// <summary>The scale on which ratio funnel limits are reported (the reference's <c>ratio_type</c>).</summary>
public enum RatioFunnelType
{
    /// <summary>Excess ratio: O / λ − 1 (0 = as expected).</summary>
    Count,

    /// <summary>Indirectly standardised ratio × 100: 100 · O / λ.</summary>
    Isr,
}

/// <summary>
/// Funnel plots (<c>calculate_funnel_limits</c>, <c>assign_funnel_significance</c>) for proportions and ratios.
/// Ratio limits use the reference's bisection for the Poisson λ (to a step of 1e-7 on a transformed scale), which
/// reproduces its published limits; the exact chi-square quantiles differ from them by up to about 5e-5 (relative).
/// Rate funnels are in <see cref="RateFunnel"/>.
/// </summary>
public static class Funnels
{
    /// <summary>The average proportion Σx / Σn of a set of areas.</summary>
    /// <param name="numerators">Numerators.</param>
    /// <param name="denominators">Denominators.</param>
    /// <returns>The pooled proportion.</returns>
    public static double AverageProportion(ReadOnlySpan<double> numerators, ReadOnlySpan<double> denominators)
    {
        if (numerators.Length != denominators.Length || numerators.IsEmpty)
        {
            throw new ArgumentException("numerators and denominators must have the same non-zero length");
        }

        double x = 0, n = 0;
        for (var i = 0; i < numerators.Length; i++)
        {
            x += numerators[i];
            n += denominators[i];
        }

        return x / n;
    }

    /// <summary>
    /// Control limits at one population: the proportions whose Wilson interval just touches the average.
    /// </summary>
    /// <param name="average">The average proportion (0–1).</param>
    /// <param name="population">The denominator.</param>
    /// <param name="multiplier">1 for proportions, 100 for percentages. The default value is 100.</param>
    /// <returns>The limits.</returns>
    public static FunnelLimits ProportionLimits(double average, double population, double multiplier = 100)
    {
        var z2 = Distributions.NormalQuantile(0.975);
        var z3 = Distributions.NormalQuantile(0.999);
        var (l2, u2) = WilsonBoundary(average, population, z2, multiplier);
        var (l3, u3) = WilsonBoundary(average, population, z3, multiplier);
        return new FunnelLimits(population, l2, u2, l3, u3, average * multiplier);
    }

    /// <summary>The 100 populations at which the reference evaluates funnel limits for a set of denominators.</summary>
    /// <param name="denominators">The areas' denominators.</param>
    /// <returns>100 increasing populations from max(1, axis minimum) to about 1.05 × the largest denominator.</returns>
    public static double[] ProportionAxis(ReadOnlySpan<double> denominators)
    {
        var (axisMin, axisMax) = AxisRange(denominators);
        return GeometricAxis(Math.Max(1, axisMin), axisMax, 101);
    }

    /// <summary>
    /// Significance of one area's proportion against the funnel: "Low (0.001)", "Low (0.025)", "High (0.001)",
    /// "High (0.025)" or "Not significant".
    /// </summary>
    /// <param name="numerator">The area's numerator.</param>
    /// <param name="denominator">The area's denominator.</param>
    /// <param name="average">The average proportion (0–1).</param>
    /// <returns>The significance label.</returns>
    public static string ProportionSignificance(double numerator, double denominator, double average)
    {
        var p = numerator / denominator;
        var limits = ProportionLimits(average, denominator, 1);
        return p < limits.Lower3s ? "Low (0.001)"
            : p < limits.Lower2s ? "Low (0.025)"
            : p > limits.Upper3s ? "High (0.001)"
            : p > limits.Upper2s ? "High (0.025)"
            : "Not significant";
    }

    /// <summary>
    /// Ratio funnel limits for an observed count, by the reference's bisection (tails 0.025 and 0.001; see
    /// <see cref="PoissonMeanForTail"/>).
    /// </summary>
    /// <param name="observed">The observed count (≥ 1).</param>
    /// <returns>The limits.</returns>
    public static RatioFunnelLimits RatioLimits(double observed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observed, 1);
        return new RatioFunnelLimits(
            observed,
            PoissonMeanForTail(observed, 0.025, upperTail: false),
            PoissonMeanForTail(observed, 0.025, upperTail: true),
            PoissonMeanForTail(observed, 0.001, upperTail: false),
            PoissonMeanForTail(observed, 0.001, upperTail: true));
    }

    /// <summary>
    /// Significance of an area's ratio O / E against 1, with the exact (O &lt; 10) or Byar limits of O at 95 % and
    /// 99.8 %: "High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)" or "Not significant".
    /// </summary>
    /// <param name="observed">Observed events.</param>
    /// <param name="expected">Expected events.</param>
    /// <returns>The significance label.</returns>
    public static string RatioSignificance(double observed, double expected)
    {
        var (l3, u3, _) = PoissonLimits.Limits(observed, 0.998);
        var (l2, u2, _) = PoissonLimits.Limits(observed, 0.95);
        return 1 < l3 / expected ? "High (0.001)"
            : 1 < l2 / expected ? "High (0.025)"
            : 1 > u3 / expected ? "Low (0.001)"
            : 1 > u2 / expected ? "Low (0.025)"
            : "Not significant";
    }

    /// <summary>
    /// The Poisson mean λ at which an observed count O sits on a funnel limit, found as the reference does: by
    /// bisection on v ∈ (0, 1) with λ = (1 + O)·v / (1 − v), from v = 0.5 with a step of 0.5 halved each time until
    /// it falls below 1e-7. The result differs from the exact chi-square quantile by up to about 5e-5 (relative)
    /// when λ is small, which is why the published funnels are reproduced with this search rather than the exact one.
    /// </summary>
    /// <param name="observed">The observed count O.</param>
    /// <param name="tail">The one-sided tail probability (0.025 or 0.001).</param>
    /// <param name="upperTail">true: λ with P(X ≥ O | λ) = tail (the small λ of an upper ratio/rate limit);
    /// false: λ with P(X ≤ O | λ) = tail (the large λ of a lower limit).</param>
    /// <returns>λ.</returns>
    internal static double PoissonMeanForTail(double observed, double tail, bool upperTail)
    {
        double v = 0.5, step = 0.5;
        while (step > 1e-7)
        {
            var lambda = (1 + observed) * v / (1 - v);

            // Both tail probabilities move monotonically with λ: P(X ≥ O) rises, P(X ≤ O) falls.
            var tooLarge = upperTail
                ? Distributions.PoissonUpperTail(observed, lambda) > tail
                : Distributions.PoissonCdf(observed, lambda) < tail;
            step /= 2;
            v += tooLarge ? -step : step;
        }

        return (1 + observed) * v / (1 - v);
    }

    /// <summary>100 increasing whole x-points from <paramref name="first"/> towards <paramref name="last"/>, each at
    /// least one more than the one before; the exponent offset is 101 for proportions and rates, 102 for ratios.</summary>
    internal static double[] GeometricAxis(double first, double last, int exponentOffset)
    {
        var points = new double[100];
        points[0] = first;
        for (var j = 2; j <= 100; j++)
        {
            var previous = points[j - 2];
            points[j - 1] = Math.Max(Math.Round(Math.Pow(last / previous, 1.0 / (exponentOffset - j)) * previous, MidpointRounding.ToEven), previous + 1);
        }

        return points;
    }

    /// <summary>The reference's axis range for a set of (per-year) denominators: 0 when the largest is more than twice
    /// the smallest, else 0.95 × the smallest rounded down to its leading digit; and 1.05 × the largest rounded up to two
    /// significant digits.</summary>
    internal static (double Min, double Max) AxisRange(ReadOnlySpan<double> denominators)
    {
        if (denominators.IsEmpty)
        {
            throw new ArgumentException("at least one denominator is required", nameof(denominators));
        }

        double min = double.MaxValue, max = double.MinValue;
        foreach (var d in denominators)
        {
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }

        return (max > 2 * min ? 0 : FloorToLeadingDigit(0.95 * min), CeilingToTwoSignificant(1.05 * max));
    }

    private static (double Lower, double Upper) WilsonBoundary(double p, double n, double z, double multiplier)
    {
        var invZ2 = 1 / (z * z);
        var a = p * (n * invZ2 + 1);
        var c = invZ2 + 1 / n;
        var b = Math.Sqrt(64 * a * a - 64 * c * p * (n * (p * (n * invZ2 + 2) - 1) + z * z * (p - 1)));
        var lower = (a - b / 8) / c / n * multiplier;
        var upper = (a + b / 8) / c / n * multiplier;
        return (Math.Clamp(lower, 0, 100), Math.Clamp(upper, 0, 100));
    }

    private static double FloorToLeadingDigit(double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        var unit = Math.Pow(10, Math.Floor(Math.Log10(x)));
        return Math.Floor(x / unit) * unit;
    }

    private static double CeilingToTwoSignificant(double x)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(x)) - 1);
        return Math.Ceiling(x / unit) * unit;
    }
}
