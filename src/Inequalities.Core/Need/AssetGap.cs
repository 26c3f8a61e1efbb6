using Inequalities.Core.Measures;

namespace Inequalities.Core.Need;

/// <summary>One small area's asset gap: the count its population and need predict, against the count it has.</summary>
/// <param name="Expected">The predicted count: the area's population times the fitted rate of its need decile (NaN without a decile or population).</param>
/// <param name="Gap">Expected minus observed: positive when the area has fewer organisations than areas of the same need have for its population.</param>
/// <param name="GapLower">The lower 95 % limit of the gap: expected minus the upper limit of the observed count.</param>
/// <param name="GapUpper">The upper 95 % limit of the gap: expected minus the lower limit of the observed count.</param>
public readonly record struct AssetGapValue(double Expected, double Gap, double GapLower, double GapUpper)
{
    /// <summary>Whether the whole interval lies above zero: significantly fewer organisations than predicted.</summary>
    public bool Shortfall => GapLower > 0;

    /// <summary>Whether the whole interval lies below zero: significantly more organisations than predicted.</summary>
    public bool Surplus => GapUpper < 0;
}

/// <summary>
/// The asset gap of small areas: each area's expected count of organisations from the rate of organisations per
/// resident in its need decile (the study area's organisations over its residents, decile by decile), against its
/// observed count, with a 95 % interval from the Poisson limits of the observed count (exact below 10, Byar's from 10:
/// the rule <see cref="Rates"/> uses).
/// </summary>
/// <remarks>
/// The decile rates are the maximum-likelihood fit of a Poisson model with the need decile as a factor and the log
/// population as offset, so the expected counts of each decile add up to its observed organisations: the gap shares
/// the study area's organisations out within each decile in proportion to residents. A positive gap whose interval
/// excludes zero is a significant shortfall against areas of the same need.
/// </remarks>
public static class AssetGap
{
    /// <summary>The label written next to the gap in the lake (<c>gap_method</c>).</summary>
    public const string Method = "poisson_need_decile_rate";

    /// <summary>The fitted rate of each need decile: organisations per resident (NaN for a decile without residents).</summary>
    /// <param name="needDeciles">Per small area, its need decile (1 … 10; 0 = none).</param>
    /// <param name="counts">Per small area, its organisations.</param>
    /// <param name="populations">Per small area, its residents (areas without a positive number are left out).</param>
    /// <returns>Eleven rates: index 1 to 10 are the deciles (index 0 is unused, NaN).</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double[] DecileRates(ReadOnlySpan<int> needDeciles, ReadOnlySpan<int> counts, ReadOnlySpan<double> populations)
    {
        if (needDeciles.Length != counts.Length || counts.Length != populations.Length)
        {
            throw new ArgumentException("need deciles, counts and populations must have the same length");
        }

        var assets = new double[11];
        var residents = new double[11];
        for (var i = 0; i < counts.Length; i++)
        {
            if (needDeciles[i] is >= 1 and <= 10 && populations[i] > 0 && counts[i] >= 0)
            {
                assets[needDeciles[i]] += counts[i];
                residents[needDeciles[i]] += populations[i];
            }
        }

        var rates = new double[11];
        for (var d = 0; d < rates.Length; d++)
        {
            rates[d] = d > 0 && residents[d] > 0 ? assets[d] / residents[d] : double.NaN;
        }

        return rates;
    }

    /// <summary>The gap of every small area against the decile rates of the same areas (<see cref="DecileRates"/>).</summary>
    /// <param name="needDeciles">Per small area, its need decile (1 … 10; 0 = none).</param>
    /// <param name="counts">Per small area, its organisations.</param>
    /// <param name="populations">Per small area, its residents.</param>
    /// <param name="confidence">The confidence level of the interval (fraction or percentage). The default value is 0.95.</param>
    /// <returns>One value per small area (all NaN where the area has no decile or residents).</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static AssetGapValue[] Calculate(ReadOnlySpan<int> needDeciles, ReadOnlySpan<int> counts, ReadOnlySpan<double> populations, double confidence = 0.95)
    {
        var rates = DecileRates(needDeciles, counts, populations);
        var result = new AssetGapValue[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            if (needDeciles[i] is < 1 or > 10 || !(populations[i] > 0) || double.IsNaN(rates[needDeciles[i]]))
            {
                result[i] = new AssetGapValue(double.NaN, double.NaN, double.NaN, double.NaN);
                continue;
            }

            result[i] = Of(rates[needDeciles[i]] * populations[i], counts[i], confidence);
        }

        return result;
    }

    /// <summary>The gap of one area from its expected and observed counts.</summary>
    /// <param name="expected">The predicted count.</param>
    /// <param name="observed">The observed count, ≥ 0.</param>
    /// <param name="confidence">The confidence level (fraction or percentage). The default value is 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or the level is out of range.</exception>
    public static AssetGapValue Of(double expected, int observed, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observed);
        var (lower, upper, _) = PoissonLimits.Limits(observed, ConfidenceLevels.Normalize(confidence));
        return new AssetGapValue(expected, expected - observed, expected - upper, expected - lower);
    }
}
