using Inequalities.Core.Inequality;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>
/// The closed vocabularies of the gradient tables: <c>method</c>, <c>se_method</c>, <c>reason</c>, <c>rii_reason</c>,
/// <c>direction</c>, <c>worse_in</c> and the words of <c>interpretation</c>. The README lists them; nothing else is written.
/// </summary>
internal static class GradientVocabulary
{
    /// <summary>The OHID method on deprivation quantiles.</summary>
    public const string QuantileMethod = "quantile";

    /// <summary>Weighted least squares on the LSOAs' own values.</summary>
    public const string LsoaMethod = "lsoa";

    /// <summary>Every quantile's standard error from the spread of its own LSOAs.</summary>
    public const string QuantileSd = "quantile_sd";

    /// <summary>At least one quantile's standard error from the area's pooled within-quantile variance.</summary>
    public const string PooledWithinQuantile = "pooled_within_quantile";

    /// <summary>At least one quantile's standard error from its counts and denominators (and none pooled).</summary>
    public const string CountBased = "count_based";

    /// <summary>The LSOA method's sandwich standard error, each LSOA its own cluster (HC1).</summary>
    public const string ClusterRobust = "cluster_robust";

    /// <summary>A quantile has no LSOA with a value in the area.</summary>
    public const string MissingQuantile = "missing_quantile";

    /// <summary>A quantile's LSOAs have values but no population (so no weight).</summary>
    public const string ZeroPopulation = "zero_population";

    /// <summary>A quantile has no standard error: one LSOA (or no variation) and no pooled variance or counts to give one.</summary>
    public const string NoStandardError = "no_standard_error";

    /// <summary>No LSOA value differs from another in the area (e.g. one value inherited by every LSOA).</summary>
    public const string NoVariation = "no_variation";

    /// <summary>Fewer LSOAs with a value and a population than the LSOA method needs.</summary>
    public const string TooFewLsoas = "too_few_lsoas";

    /// <summary>RII: the indicator's values are scores or ranks, where a ratio of two values means nothing.</summary>
    public const string NotRatioScale = "not_ratio_scale";

    /// <summary>RII: the catalogue gives no value kind for the indicator, so whether a ratio means anything is unknown.</summary>
    public const string UnknownValueKind = "unknown_value_kind";

    /// <summary>RII: a quantile (or LSOA) value, or the fitted value at an end of the gradient, is zero or negative.</summary>
    public const string NonPositiveValues = "non_positive_values";

    /// <summary>se_method of a quantile-method gradient from the error methods of its quantiles.</summary>
    public static string SeMethodOf(IEnumerable<QuantileErrorMethod> methods)
    {
        var list = methods.ToList();
        return list.Contains(QuantileErrorMethod.PooledWithinQuantile) ? PooledWithinQuantile
            : list.Contains(QuantileErrorMethod.CountBased) ? CountBased
            : QuantileSd;
    }

    /// <summary>se_method of one quantile row (null when it has no standard error).</summary>
    public static string? SeMethodOf(QuantileErrorMethod method) => method switch
    {
        QuantileErrorMethod.QuantileSd => QuantileSd,
        QuantileErrorMethod.PooledWithinQuantile => PooledWithinQuantile,
        QuantileErrorMethod.CountBased => CountBased,
        _ => null,
    };

    /// <summary>
    /// Which end of the gradient is higher: <c>higher_in_more_deprived</c> (SII below 0: the fitted value falls from the
    /// most to the least deprived end), <c>higher_in_less_deprived</c>, or <c>no_clear_gradient</c> when the interval
    /// includes 0. Null without an SII.
    /// </summary>
    public static string? Direction(double? sii, double? lower, double? upper) => sii switch
    {
        null => null,
        _ when lower <= 0 && upper >= 0 => "no_clear_gradient",
        < 0 => "higher_in_more_deprived",
        > 0 => "higher_in_less_deprived",
        _ => "no_clear_gradient",
    };

    /// <summary>Where the indicator is worse (<c>more_deprived</c>, <c>less_deprived</c>), from the direction and the polarity; null when neither says.</summary>
    public static string? WorseIn(string? direction, IndicatorPolarity? polarity) => (direction, polarity) switch
    {
        ("higher_in_more_deprived", IndicatorPolarity.HigherIsWorse) or ("higher_in_less_deprived", IndicatorPolarity.HigherIsBetter) => "more_deprived",
        ("higher_in_less_deprived", IndicatorPolarity.HigherIsWorse) or ("higher_in_more_deprived", IndicatorPolarity.HigherIsBetter) => "less_deprived",
        _ => null,
    };

    /// <summary>The gradient in words (no commas, so naive CSV readers cope), e.g. "higher in more deprived areas (higher is worse: worse in more deprived areas)".</summary>
    public static string? Interpretation(string? direction, IndicatorPolarity? polarity, double confidence)
    {
        if (direction is null)
        {
            return null;
        }

        if (direction == "no_clear_gradient")
        {
            return $"no clear gradient (the {confidence * 100:0.#}% interval includes 0)";
        }

        var higher = direction == "higher_in_more_deprived" ? "higher in more deprived areas" : "higher in less deprived areas";
        return WorseIn(direction, polarity) switch
        {
            "more_deprived" => $"{higher} ({Polarity(polarity)}: worse in more deprived areas)",
            "less_deprived" => $"{higher} ({Polarity(polarity)}: worse in less deprived areas)",
            _ => polarity == IndicatorPolarity.Neither ? $"{higher} (neither direction is worse)" : higher,
        };
    }

    /// <summary>The polarity in words (<c>higher is worse</c>, <c>higher is better</c>, <c>neither direction is worse</c>).</summary>
    public static string Polarity(IndicatorPolarity? polarity) => polarity switch
    {
        IndicatorPolarity.HigherIsWorse => "higher is worse",
        IndicatorPolarity.HigherIsBetter => "higher is better",
        IndicatorPolarity.Neither => "neither direction is worse",
        _ => "polarity not stated",
    };
}
