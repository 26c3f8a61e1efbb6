using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;

namespace Inequalities.Core.Need;

/// <summary>The gradient of a quantity (such as assets per 10,000 residents) across need deciles.</summary>
/// <param name="Sii">Slope index of inequality: the fitted value at the least needy end minus that at the most needy end
/// (positive: the quantity is higher where need is lower); NaN when it cannot be computed.</param>
/// <param name="SiiLower">Lower 95 % limit of the SII (NaN with the SII).</param>
/// <param name="SiiUpper">Upper 95 % limit of the SII.</param>
/// <param name="ConcentrationIndex">Concentration index over the deciles ordered from most to least need (−1 to 1;
/// negative: concentrated where need is highest); NaN with fewer than two deciles or a zero mean.</param>
/// <param name="Deciles">How many need deciles had residents with a value.</param>
public readonly record struct AssetGradientResult(double Sii, double SiiLower, double SiiUpper, double ConcentrationIndex, int Deciles);

/// <summary>
/// How a quantity (such as assets per 10,000 residents) changes from the most to the least needy areas, with the
/// OHID/PHE slope index of inequality (<see cref="Measures.Sii"/>) and the grouped concentration index
/// (<see cref="QuantileSummary.ConcentrationIndex"/>).
/// </summary>
/// <remarks>
/// Small-area values are pooled into need deciles by <see cref="QuantileSummary.Aggregate"/>: each decile's value is
/// the population-weighted mean (for densities: the decile's own density), its standard error the population-weighted
/// standard error of that mean. The SII is fitted on the deciles present (value type "normal", 95 % limits, which
/// are exact for this type); it needs at least 5 deciles, each with at least two small areas (a standard error).
/// </remarks>
public static class AssetGradient
{
    /// <summary>The label written next to the gradient in the lake (<c>gradient_method</c>).</summary>
    public const string Method = "phe_sii_need_deciles";

    private const int DecileCount = 10;

    private const int MinimumDeciles = 5;

    /// <summary>The SII (with 95 % limits) and concentration index of small-area values across need deciles.</summary>
    /// <param name="needDeciles">Per small area, its need decile (1 = most need … 10; 0 = none).</param>
    /// <param name="values">Per small area, the value (e.g. assets per 10,000 residents; NaN = none).</param>
    /// <param name="populations">Per small area, its population (the weight; areas without a positive one are skipped).</param>
    /// <returns>The gradient.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static AssetGradientResult Calculate(ReadOnlySpan<int> needDeciles, ReadOnlySpan<double> values, ReadOnlySpan<double> populations)
    {
        var deciles = QuantileSummary.Aggregate(needDeciles, values, populations, DecileCount);
        var concentration = QuantileSummary.ConcentrationIndex(deciles);
        if (deciles.Length < MinimumDeciles || !deciles.All(d => double.IsFinite(d.StandardError) && d.StandardError >= 0))
        {
            return new AssetGradientResult(double.NaN, double.NaN, double.NaN, concentration, deciles.Length);
        }

        var records = deciles.Select(d => new SiiRecord("area", d.Quantile, d.Population, d.Value) { StandardError = d.StandardError }).ToList();

        // A normal-type SII has exact (closed-form) limits, so the repetitions and seed only satisfy validation.
        var result = Sii.Calculate(records, new SiiOptions { ValueType = SiiValueType.Normal, Repetitions = 1000, Seed = 1, Confidence = [ConfidenceLevels.NinetyFive] });
        var group = result.Groups[0];
        return new AssetGradientResult(group.Sii, group.SiiLimits[0].Lower, group.SiiLimits[0].Upper, concentration, deciles.Length);
    }
}
