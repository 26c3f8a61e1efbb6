namespace Inequalities.Lake;

/// <summary>
/// The names of the lake's tables, as the refresh writes them (<c>&lt;name&gt;.parquet</c>, or a folder of
/// Hive-partitioned parts) and <see cref="Snapshots.LakeSnapshot.ReadTableAsync"/> reads them. Each table's columns are
/// in its own class (<see cref="AreasColumns"/>, <see cref="DeprivationColumns"/> ...). These names are part of the
/// contract other engines and notebooks rely on.
/// </summary>
public static class TableNames
{
    /// <summary><c>areas</c>: one row per LSOA and vintage: its names, district, combined authority, region and population.</summary>
    public const string Areas = "areas";

    /// <summary><c>deprivation</c>: one row per index, domain and LSOA, at the index's own LSOA vintage.</summary>
    public const string Deprivation = "deprivation";

    /// <summary><c>indicators</c>: every indicator value as published, at its own geography.</summary>
    public const string Indicators = "indicators";

    /// <summary><c>lsoa_indicators</c>: indicator values at LSOA level in both vintages (Hive-partitioned by <c>source_id</c>).</summary>
    public const string LsoaIndicators = "lsoa_indicators";

    /// <summary><c>lad_deprivation_summaries</c>: the Indices of Deprivation summaries for local authority districts, one row per index, domain and district.</summary>
    public const string LadDeprivationSummaries = "lad_deprivation_summaries";

    /// <summary><c>assets</c>: every organisation in the community-asset registers and the LSOA it was placed in.</summary>
    public const string Assets = "assets";

    /// <summary><c>asset_rejects</c>: every register row not counted (dissolved, an older edition's, unplaced, unreadable), with the reason.</summary>
    public const string AssetRejects = "asset_rejects";

    /// <summary><c>asset_merges</c>: the same organisation found in two registers: the row kept, the row merged into it, and what linked them.</summary>
    public const string AssetMerges = "asset_merges";

    /// <summary><c>asset_categories</c>: organisations of each category per LSOA, and per 10,000 residents.</summary>
    public const string AssetCategories = "asset_categories";

    /// <summary><c>asset_need</c>: one row per LSOA: need, organisations, and the need-against-assets quadrant.</summary>
    public const string AssetNeed = "asset_need";

    /// <summary><c>asset_access</c>: per LSOA, category and walking distance, the organisations within that distance of its centre.</summary>
    public const string AssetAccess = "asset_access";

    /// <summary><c>asset_need_deciles</c>: organisations per 10,000 residents in each need decile, per area.</summary>
    public const string AssetNeedDeciles = "asset_need_deciles";

    /// <summary><c>asset_need_summary</c>: per area: LSOAs, residents, organisations, priority (high need, low asset) LSOAs and the asset gradient.</summary>
    public const string AssetNeedSummary = "asset_need_summary";

    /// <summary><c>asset_category_summary</c>: per area and category: organisations, per 10,000 residents, and residents with one nearby.</summary>
    public const string AssetCategorySummary = "asset_category_summary";

    /// <summary><c>inequality_quantiles</c>: the population-weighted mean of each indicator series in each deprivation quantile of each area and basis.</summary>
    public const string InequalityQuantiles = "inequality_quantiles";

    /// <summary><c>inequality_gradients</c>: the slope and relative index of inequality of each indicator series, area, basis and method.</summary>
    public const string InequalityGradients = "inequality_gradients";

    /// <summary><c>inequality_trends</c>: how the slope index changed between periods, or between deprivation bases.</summary>
    public const string InequalityTrends = "inequality_trends";

    /// <summary><c>indicator_metadata</c>: what each indicator measures: polarity, kind of value, unit, multiplier.</summary>
    public const string IndicatorMetadata = "indicator_metadata";

    /// <summary>Every table, in the order the refresh writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Areas,
        Deprivation,
        Indicators,
        LsoaIndicators,
        LadDeprivationSummaries,
        Assets,
        AssetRejects,
        AssetMerges,
        AssetCategories,
        AssetNeed,
        AssetAccess,
        AssetNeedDeciles,
        AssetNeedSummary,
        AssetCategorySummary,
        InequalityQuantiles,
        InequalityGradients,
        InequalityTrends,
        IndicatorMetadata,
    ];
}
