namespace Inequalities.Core.Measures;

/// <summary>A crude rate with exact (count &lt; 10) or Byar confidence limits.</summary>
/// <param name="Numerator">The count x.</param>
/// <param name="Denominator">The population n.</param>
/// <param name="Value">x / n × multiplier (NaN when an input is missing).</param>
/// <param name="Limits">One interval per requested level, scaled like the value.</param>
/// <param name="Statistic">"rate per &lt;multiplier&gt;".</param>
/// <param name="Method">"Exact" when x &lt; 10, "Byars" otherwise; null when x is missing.</param>
public sealed record RateResult(
    double Numerator, double Denominator, double Value, IReadOnlyList<ConfidenceInterval> Limits, string Statistic, string? Method);

/// <summary>Crude rates and Poisson count intervals (the reference package's <c>phe_rate</c>, <c>byars_lower/upper</c>).</summary>
public static class Rates
{
    /// <summary>Byar's approximate confidence interval for a Poisson count; the lower limit is NaN when negative.</summary>
    /// <param name="observed">The count, ≥ 0.</param>
    /// <param name="confidence">Confidence level (fraction or percentage).</param>
    /// <returns>The interval for the count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or the level is out of range.</exception>
    public static ConfidenceInterval Byar(double observed, double confidence)
    {
        var level = ConfidenceLevels.Normalize(confidence);
        ArgumentOutOfRangeException.ThrowIfNegative(observed);
        var z = Distributions.TwoSidedZ(level);
        return new ConfidenceInterval(level, PoissonLimits.ByarLower(observed, z), PoissonLimits.ByarUpper(observed, z));
    }

    /// <summary>The exact (chi-square based) confidence interval for a Poisson count.</summary>
    /// <param name="observed">The count, ≥ 0.</param>
    /// <param name="confidence">Confidence level (fraction or percentage).</param>
    /// <returns>The interval for the count (lower = 0 when the count is 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or the level is out of range.</exception>
    public static ConfidenceInterval ExactPoisson(double observed, double confidence)
    {
        var level = ConfidenceLevels.Normalize(confidence);
        ArgumentOutOfRangeException.ThrowIfNegative(observed);
        return new ConfidenceInterval(level, PoissonLimits.ExactLower(observed, level), PoissonLimits.ExactUpper(observed, level));
    }

    /// <summary>A crude rate x / n × multiplier with exact limits when x &lt; 10 and Byar's otherwise.</summary>
    /// <param name="x">The count (NaN = missing).</param>
    /// <param name="n">The population (NaN = missing). x &gt; n is allowed.</param>
    /// <param name="confidence">One level or exactly (0.95, 0.998); empty = no limits. Default 0.95.</param>
    /// <param name="multiplier">Rate per this many. The default value is 100 000.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x &lt; 0 or n ≤ 0.</exception>
    public static RateResult Calculate(double x, double n, IReadOnlyList<double>? confidence = null, double multiplier = 100_000)
    {
        var levels = Proportions.Levels(confidence);
        var statistic = "rate per " + Proportions.Format(multiplier);
        var method = double.IsNaN(x) ? null : x < 10 ? "Exact" : "Byars";
        if (double.IsNaN(x) || double.IsNaN(n))
        {
            return new RateResult(x, n, double.NaN, Proportions.MissingLimits(levels), statistic, method);
        }

        if (x < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "numerators must be greater than or equal to zero");
        }

        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "denominators must be greater than zero");
        }

        var limits = new ConfidenceInterval[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var (lower, upper, _) = PoissonLimits.Limits(x, levels[i]);
            limits[i] = new ConfidenceInterval(levels[i], lower / n * multiplier, upper / n * multiplier);
        }

        return new RateResult(x, n, x / n * multiplier, limits, statistic, method);
    }
}
