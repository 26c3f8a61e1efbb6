namespace Inequalities.Lake;

/// <summary>The columns of <c>inequality_quantiles</c> (<see cref="TableNames.InequalityQuantiles"/>), in the order they are written.</summary>
public static class InequalityQuantilesColumns
{
    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>indicator_id</c> (String): the indicator id (Fingertips' id, or a snake_case id of the published label).</summary>
    public const string IndicatorId = "indicator_id";

    /// <summary><c>period</c> (String): the period, as published (e.g. <c>2021</c>, <c>2018 - 20</c>).</summary>
    public const string Period = "period";

    /// <summary><c>area_code</c> (String): the area (GSS code).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): the area's type (<c>lsoa</c>, <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>country</c> ...).</summary>
    public const string AreaType = "area_type";

    /// <summary><c>basis</c> (String): the deprivation basis, e.g. <c>iod2019/imd/national</c>.</summary>
    public const string Basis = "basis";

    /// <summary><c>quantile_count</c> (Int32): 10 for deciles, 5 for quintiles.</summary>
    public const string QuantileCount = "quantile_count";

    /// <summary><c>quantile</c> (Int32): the quantile, 1 = most deprived.</summary>
    public const string Quantile = "quantile";

    /// <summary><c>lsoas</c> (Int32): the LSOAs counted.</summary>
    public const string Lsoas = "lsoas";

    /// <summary><c>population</c> (Float64): the population of the quantile's LSOAs.</summary>
    public const string Population = "population";

    /// <summary><c>value</c> (Float64): the population-weighted mean of the LSOA values in the quantile.</summary>
    public const string Value = "value";

    /// <summary><c>se</c> (Float64): the value's standard error.</summary>
    public const string Se = "se";

    /// <summary><c>se_method</c> (String): how the standard error was obtained (<c>quantile_sd</c>, <c>pooled_within_quantile</c>, <c>count_based</c>, <c>cluster_robust</c>).</summary>
    public const string SeMethod = "se_method";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId,
        IndicatorId,
        Period,
        AreaCode,
        AreaType,
        Basis,
        QuantileCount,
        Quantile,
        Lsoas,
        Population,
        Value,
        Se,
        SeMethod,
    ];
}

/// <summary>The columns of <c>inequality_gradients</c> (<see cref="TableNames.InequalityGradients"/>), in the order they are written.</summary>
public static class InequalityGradientsColumns
{
    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>indicator_id</c> (String): the indicator id (Fingertips' id, or a snake_case id of the published label).</summary>
    public const string IndicatorId = "indicator_id";

    /// <summary><c>period</c> (String): the period, as published (e.g. <c>2021</c>, <c>2018 - 20</c>).</summary>
    public const string Period = "period";

    /// <summary><c>area_code</c> (String): the area (GSS code).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): the area's type (<c>lsoa</c>, <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>country</c> ...).</summary>
    public const string AreaType = "area_type";

    /// <summary><c>basis</c> (String): the deprivation basis, e.g. <c>iod2019/imd/national</c>.</summary>
    public const string Basis = "basis";

    /// <summary><c>quantile_count</c> (Int32): 10 for deciles, 5 for quintiles.</summary>
    public const string QuantileCount = "quantile_count";

    /// <summary><c>sii</c> (Float64): the slope index of inequality.</summary>
    public const string Sii = "sii";

    /// <summary><c>sii_lower</c> (Float64): the lower limit of its interval at <c>confidence</c>.</summary>
    public const string SiiLower = "sii_lower";

    /// <summary><c>sii_upper</c> (Float64): the upper limit of its interval at <c>confidence</c>.</summary>
    public const string SiiUpper = "sii_upper";

    /// <summary><c>rii</c> (Float64): the relative index of inequality.</summary>
    public const string Rii = "rii";

    /// <summary><c>rii_lower</c> (Float64): the lower limit of its interval.</summary>
    public const string RiiLower = "rii_lower";

    /// <summary><c>rii_upper</c> (Float64): the upper limit of its interval.</summary>
    public const string RiiUpper = "rii_upper";

    /// <summary><c>confidence</c> (Float64): the confidence level of the intervals (0.95).</summary>
    public const string Confidence = "confidence";

    /// <summary><c>repetitions</c> (Int32): the simulations used where no closed form applies.</summary>
    public const string Repetitions = "repetitions";

    /// <summary><c>abs_gap</c> (Float64): the most minus the least deprived quantile.</summary>
    public const string AbsGap = "abs_gap";

    /// <summary><c>rel_gap</c> (Float64): the most over the least deprived quantile.</summary>
    public const string RelGap = "rel_gap";

    /// <summary><c>concentration_index</c> (Float64): the concentration index; negative when the indicator is concentrated among the more deprived.</summary>
    public const string ConcentrationIndex = "concentration_index";

    /// <summary><c>method</c> (String): <c>quantile</c> (OHID, on the quantile table) or <c>lsoa</c> (on the LSOAs' own values).</summary>
    public const string Method = "method";

    /// <summary><c>se_method</c> (String): how the standard error was obtained (<c>quantile_sd</c>, <c>pooled_within_quantile</c>, <c>count_based</c>, <c>cluster_robust</c>).</summary>
    public const string SeMethod = "se_method";

    /// <summary><c>reason</c> (String): why <c>sii</c> is null.</summary>
    public const string Reason = "reason";

    /// <summary><c>sii_se</c> (Float64): the slope's standard error.</summary>
    public const string SiiSe = "sii_se";

    /// <summary><c>rii_reason</c> (String): why <c>rii</c> is null where <c>sii</c> is not.</summary>
    public const string RiiReason = "rii_reason";

    /// <summary><c>lsoas</c> (Int32): the LSOAs counted.</summary>
    public const string Lsoas = "lsoas";

    /// <summary><c>polarity</c> (String): <c>higher_is_worse</c>, <c>higher_is_better</c> or <c>neither</c>.</summary>
    public const string Polarity = "polarity";

    /// <summary><c>direction</c> (String): <c>higher_in_more_deprived</c>, <c>higher_in_less_deprived</c> or <c>no_clear_gradient</c>.</summary>
    public const string Direction = "direction";

    /// <summary><c>worse_in</c> (String): <c>more_deprived</c> or <c>less_deprived</c>.</summary>
    public const string WorseIn = "worse_in";

    /// <summary><c>interpretation</c> (String): the gradient in words.</summary>
    public const string Interpretation = "interpretation";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId,
        IndicatorId,
        Period,
        AreaCode,
        AreaType,
        Basis,
        QuantileCount,
        Sii,
        SiiLower,
        SiiUpper,
        Rii,
        RiiLower,
        RiiUpper,
        Confidence,
        Repetitions,
        AbsGap,
        RelGap,
        ConcentrationIndex,
        Method,
        SeMethod,
        Reason,
        SiiSe,
        RiiReason,
        Lsoas,
        Polarity,
        Direction,
        WorseIn,
        Interpretation,
    ];
}

/// <summary>The columns of <c>inequality_trends</c> (<see cref="TableNames.InequalityTrends"/>), in the order they are written.</summary>
public static class InequalityTrendsColumns
{
    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>indicator_id</c> (String): the indicator id (Fingertips' id, or a snake_case id of the published label).</summary>
    public const string IndicatorId = "indicator_id";

    /// <summary><c>area_code</c> (String): the area (GSS code).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): the area's type (<c>lsoa</c>, <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>country</c> ...).</summary>
    public const string AreaType = "area_type";

    /// <summary><c>basis</c> (String): the later basis.</summary>
    public const string Basis = "basis";

    /// <summary><c>quantile_count</c> (Int32): 10 for deciles, 5 for quintiles.</summary>
    public const string QuantileCount = "quantile_count";

    /// <summary><c>method</c> (String): the gradient method.</summary>
    public const string Method = "method";

    /// <summary><c>comparison</c> (String): <c>period</c> (periods of one series) or <c>basis</c> (two indices).</summary>
    public const string Comparison = "comparison";

    /// <summary><c>from_period</c> (String): the earlier period.</summary>
    public const string FromPeriod = "from_period";

    /// <summary><c>to_period</c> (String): the later period.</summary>
    public const string ToPeriod = "to_period";

    /// <summary><c>from_basis</c> (String): the earlier basis.</summary>
    public const string FromBasis = "from_basis";

    /// <summary><c>to_basis</c> (String): the later basis.</summary>
    public const string ToBasis = "to_basis";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage both slopes were computed on.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>from_sii</c> (Float64): the earlier slope index.</summary>
    public const string FromSii = "from_sii";

    /// <summary><c>to_sii</c> (Float64): the later slope index.</summary>
    public const string ToSii = "to_sii";

    /// <summary><c>sii_change</c> (Float64): the change, later minus earlier.</summary>
    public const string SiiChange = "sii_change";

    /// <summary><c>sii_change_se</c> (Float64): the change's standard error.</summary>
    public const string SiiChangeSe = "sii_change_se";

    /// <summary><c>sii_change_lower</c> (Float64): the change's lower limit.</summary>
    public const string SiiChangeLower = "sii_change_lower";

    /// <summary><c>sii_change_upper</c> (Float64): the change's upper limit.</summary>
    public const string SiiChangeUpper = "sii_change_upper";

    /// <summary><c>confidence</c> (Float64): the confidence level of the intervals (0.95).</summary>
    public const string Confidence = "confidence";

    /// <summary><c>trend</c> (String): <c>steeper</c>, <c>shallower</c> or <c>no_clear_change</c>.</summary>
    public const string Trend = "trend";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId,
        IndicatorId,
        AreaCode,
        AreaType,
        Basis,
        QuantileCount,
        Method,
        Comparison,
        FromPeriod,
        ToPeriod,
        FromBasis,
        ToBasis,
        LsoaVintage,
        FromSii,
        ToSii,
        SiiChange,
        SiiChangeSe,
        SiiChangeLower,
        SiiChangeUpper,
        Confidence,
        Trend,
    ];
}

/// <summary>The columns of <c>indicator_metadata</c> (<see cref="TableNames.IndicatorMetadata"/>), in the order they are written.</summary>
public static class IndicatorMetadataColumns
{
    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>indicator_id</c> (String): the indicator id (Fingertips' id, or a snake_case id of the published label).</summary>
    public const string IndicatorId = "indicator_id";

    /// <summary><c>indicator_name</c> (String): the indicator's published name.</summary>
    public const string IndicatorName = "indicator_name";

    /// <summary><c>polarity</c> (String): <c>higher_is_worse</c>, <c>higher_is_better</c> or <c>neither</c>.</summary>
    public const string Polarity = "polarity";

    /// <summary><c>value_kind</c> (String): the kind of value (<c>rate</c>, <c>proportion</c>, <c>ratio</c>, <c>count</c>, <c>quantity</c>, <c>score</c>, <c>rank</c>).</summary>
    public const string ValueKind = "value_kind";

    /// <summary><c>unit</c> (String): the unit in words.</summary>
    public const string Unit = "unit";

    /// <summary><c>multiplier</c> (Float64): value = count / denominator x multiplier.</summary>
    public const string Multiplier = "multiplier";

    /// <summary><c>ratio_scale</c> (Boolean): whether the kind of value is a ratio scale.</summary>
    public const string RatioScale = "ratio_scale";

    /// <summary><c>polarity_words</c> (String): the polarity in words (<c>higher is worse</c> ...).</summary>
    public const string PolarityWords = "polarity_words";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId,
        IndicatorId,
        IndicatorName,
        Polarity,
        ValueKind,
        Unit,
        Multiplier,
        RatioScale,
        PolarityWords,
    ];
}
