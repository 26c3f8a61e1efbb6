using System.Globalization;

namespace Inequalities.Core.Measures;

/// <summary>A proportion (or percentage) with Wilson score confidence limits.</summary>
/// <param name="Numerator">The numerator x.</param>
/// <param name="Denominator">The denominator n.</param>
/// <param name="Value">x / n × multiplier (NaN when an input is missing).</param>
/// <param name="Limits">One interval per requested confidence level, scaled by the multiplier.</param>
/// <param name="Statistic">"percentage" when the multiplier is 100, else "proportion of &lt;multiplier&gt;".</param>
/// <param name="Method">Always "Wilson".</param>
public sealed record ProportionResult(
    double Numerator, double Denominator, double Value, IReadOnlyList<ConfidenceInterval> Limits, string Statistic, string Method);

/// <summary>Proportions with Wilson score intervals (the reference package's <c>phe_proportion</c>).</summary>
public static class Proportions
{
    /// <summary>
    /// The Wilson score interval for x successes out of n (x need not be integral). At confidence 1 the interval
    /// is [0, 1].
    /// </summary>
    /// <param name="x">Successes, 0 ≤ x ≤ n.</param>
    /// <param name="n">Trials, n ≥ 0.</param>
    /// <param name="confidence">Confidence level, a fraction in [0.9, 1] or a percentage in [90, 100].</param>
    /// <returns>The interval on the 0–1 scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 0, n &lt; 0, x &gt; n or the level is out of range.</exception>
    public static ConfidenceInterval Wilson(double x, double n, double confidence)
    {
        var level = ConfidenceLevels.Normalize(confidence);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (x > n)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "numerators must be less than or equal to denominator for a Wilson score to be calculated");
        }

        return WilsonCore(x, n, level);
    }

    internal static ConfidenceInterval WilsonCore(double x, double n, double level)
    {
        if (level == 1)
        {
            return new ConfidenceInterval(level, 0, 1);
        }

        var z = Distributions.TwoSidedZ(level);
        var z2 = z * z;
        var root = z * Math.Sqrt(z2 + 4 * x * (1 - x / n));
        var denominator = 2 * (n + z2);
        return new ConfidenceInterval(level, (2 * x + z2 - root) / denominator, (2 * x + z2 + root) / denominator);
    }

    /// <summary>
    /// A proportion x / n with Wilson limits. Missing (NaN) x or n gives NaN value and limits.
    /// </summary>
    /// <param name="x">Numerator (NaN = missing).</param>
    /// <param name="n">Denominator (NaN = missing).</param>
    /// <param name="confidence">Levels: one level or exactly (0.95, 0.998); empty = no limits. Default 0.95.</param>
    /// <param name="multiplier">Scale (100 for a percentage). The default value is 1.</param>
    /// <returns>The proportion.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 0, n ≤ 0 or x &gt; n.</exception>
    public static ProportionResult Calculate(double x, double n, IReadOnlyList<double>? confidence = null, double multiplier = 1)
    {
        var levels = Levels(confidence);
        var statistic = multiplier == 100 ? "percentage" : "proportion of " + Format(multiplier);
        if (double.IsNaN(x) || double.IsNaN(n))
        {
            return new ProportionResult(x, n, double.NaN, MissingLimits(levels), statistic, "Wilson");
        }

        if (x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "numerators must be greater than or equal to zero");
        }

        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "denominators must be greater than zero");
        }

        if (x > n)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "numerators must be less than or equal to denominator");
        }

        var limits = new ConfidenceInterval[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var w = WilsonCore(x, n, levels[i]);
            limits[i] = new ConfidenceInterval(levels[i], w.Lower * multiplier, w.Upper * multiplier);
        }

        return new ProportionResult(x, n, x / n * multiplier, limits, statistic, "Wilson");
    }

    internal static double[] Levels(IReadOnlyList<double>? confidence) =>
        confidence is null ? [ConfidenceLevels.NinetyFive]
        : confidence.Count == 0 ? []
        : ConfidenceLevels.NormalizeAll(confidence, pairOnly: true, nameof(confidence));

    internal static ConfidenceInterval[] MissingLimits(double[] levels)
    {
        var limits = new ConfidenceInterval[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            limits[i] = new ConfidenceInterval(levels[i], double.NaN, double.NaN);
        }

        return limits;
    }

    internal static string Format(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
