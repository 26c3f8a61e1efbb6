namespace Inequalities.Core.Measures;

/// <summary>Funnel-plot control limits for a proportion at one population (denominator).</summary>
/// <param name="Population">The denominator.</param>
/// <param name="Lower2s">Lower 95 % (two-sigma, one-sided 0.025) limit, clamped to [0, 100].</param>
/// <param name="Upper2s">Upper 95 % limit.</param>
/// <param name="Lower3s">Lower 99.8 % (three-sigma, one-sided 0.001) limit.</param>
/// <param name="Upper3s">Upper 99.8 % limit.</param>
/// <param name="Baseline">The average proportion × multiplier.</param>
public readonly record struct FunnelLimits(double Population, double Lower2s, double Upper2s, double Lower3s, double Upper3s, double Baseline);

/// <summary>Funnel plots for proportions (<c>calculate_funnel_limits</c>, <c>assign_funnel_significance</c>, statistic "proportion").</summary>
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

        var axisMin = max > 2 * min ? 0 : FloorToLeadingDigit(0.95 * min);
        var axisMax = CeilingToTwoSignificant(1.05 * max);
        var points = new double[100];
        points[0] = Math.Max(1, axisMin);
        for (var j = 2; j <= 100; j++)
        {
            var previous = points[j - 2];
            points[j - 1] = Math.Max(Math.Round(Math.Pow(axisMax / previous, 1.0 / (101 - j)) * previous, MidpointRounding.ToEven), previous + 1);
        }

        return points;
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
