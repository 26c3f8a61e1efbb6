namespace Inequalities.Core.Inequality;

/// <summary>One deprivation quantile of an area: its population, population-weighted mean and standard error.</summary>
/// <param name="Quantile">1 = most deprived.</param>
/// <param name="Areas">Small areas (LSOAs) with a value in the quantile.</param>
/// <param name="Population">Their total population.</param>
/// <param name="Value">Population-weighted mean of their values.</param>
/// <param name="StandardError">
/// Standard error of that weighted mean, treating the LSOAs as a sample from the quantile:
/// sqrt(Σ wᵢ²(xᵢ − x̄)²) / Σ wᵢ (the usual ratio-estimator form); NaN with fewer than two LSOAs, unless
/// <see cref="QuantileSummary.AggregateWithSmallQuantiles"/> gave it another way (see <see cref="ErrorMethod"/>).
/// </param>
public readonly record struct QuantileValue(int Quantile, int Areas, double Population, double Value, double StandardError)
{
    /// <summary>How <see cref="StandardError"/> was obtained (<see cref="QuantileErrorMethod.None"/> when it is NaN).</summary>
    /// <value>The default value is <see cref="QuantileErrorMethod.None"/>.</value>
    public QuantileErrorMethod ErrorMethod { get; init; }
}

/// <summary>
/// Summaries of an indicator across deprivation quantiles: the quantile values that feed the slope index, the gaps
/// between the extremes, and the concentration index.
/// </summary>
public static partial class QuantileSummary
{
    /// <summary>
    /// Aggregates small-area values into quantiles. Areas with a missing (NaN) value, a missing quantile (0) or no
    /// positive population are skipped.
    /// </summary>
    /// <param name="quantiles">Quantile of each small area (1..<paramref name="quantileCount"/>; 0 = none).</param>
    /// <param name="values">Value of each small area.</param>
    /// <param name="populations">Population of each small area (the weights).</param>
    /// <param name="quantileCount">How many quantiles (10 for deciles, 5 for quintiles).</param>
    /// <returns>One entry per quantile that has at least one area, in quantile order.</returns>
    public static QuantileValue[] Aggregate(ReadOnlySpan<int> quantiles, ReadOnlySpan<double> values, ReadOnlySpan<double> populations, int quantileCount) =>
        Sums.Of(quantiles, values, populations, quantileCount).Values(null);

    /// <summary>Most deprived quantile's value minus the least deprived's (NaN unless both are present).</summary>
    /// <param name="values">Quantile values in quantile order.</param>
    /// <param name="quantileCount">The number of quantiles.</param>
    public static double AbsoluteGap(ReadOnlySpan<QuantileValue> values, int quantileCount)
    {
        var (first, last) = Extremes(values, quantileCount);
        return first is { } a && last is { } b ? a.Value - b.Value : double.NaN;
    }

    /// <summary>Most deprived quantile's value divided by the least deprived's (NaN unless both are present and the latter is non-zero).</summary>
    /// <param name="values">Quantile values in quantile order.</param>
    /// <param name="quantileCount">The number of quantiles.</param>
    public static double RelativeGap(ReadOnlySpan<QuantileValue> values, int quantileCount)
    {
        var (first, last) = Extremes(values, quantileCount);
        return first is { } a && last is { } b && b.Value != 0 ? a.Value / b.Value : double.NaN;
    }

    /// <summary>
    /// The concentration index of grouped data (Kakwani, Wagstaff and van Doorslaer 1997):
    /// C = (2/μ) Σ fₜ μₜ Rₜ − 1, with groups ordered from most to least deprived, fₜ each group's population share,
    /// μₜ its value, μ the overall mean and Rₜ the group's fractional rank (the population share of more deprived
    /// groups plus half its own). C lies in (−1, 1); a negative C means the indicator is concentrated among the more
    /// deprived (for ill-health: inequality against the deprived), a positive one among the less deprived.
    /// NaN when fewer than two groups or the mean is zero.
    /// </summary>
    /// <param name="values">Quantile values in quantile order (1 = most deprived first).</param>
    public static double ConcentrationIndex(ReadOnlySpan<QuantileValue> values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        var total = 0.0;
        var mean = 0.0;
        foreach (var v in values)
        {
            total += v.Population;
            mean += v.Population * v.Value;
        }

        if (total <= 0 || mean == 0)
        {
            return double.NaN;
        }

        mean /= total;
        var cumulative = 0.0;
        var sum = 0.0;
        foreach (var v in values)
        {
            var share = v.Population / total;
            var rank = cumulative + (share / 2);
            sum += share * v.Value * rank;
            cumulative += share;
        }

        return (2 * sum / mean) - 1;
    }

    private static (QuantileValue? First, QuantileValue? Last) Extremes(ReadOnlySpan<QuantileValue> values, int quantileCount)
    {
        QuantileValue? first = null;
        QuantileValue? last = null;
        foreach (var v in values)
        {
            if (v.Quantile == 1)
            {
                first = v;
            }
            else if (v.Quantile == quantileCount)
            {
                last = v;
            }
        }

        return (first, last);
    }

    private static bool Usable(int quantile, double value, double population, int quantileCount) =>
        quantile >= 1 && quantile <= quantileCount && !double.IsNaN(value) && population > 0;
}
