namespace Inequalities.Lake;

/// <summary>The columns of <c>asset_need</c> (<see cref="TableNames.AssetNeed"/>), in the order they are written.</summary>
public static class AssetNeedColumns
{
    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage, 2011 or 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>lsoa_name</c> (String): the LSOA's name.</summary>
    public const string LsoaName = "lsoa_name";

    /// <summary><c>lad_code</c> (String): the local authority district (GSS code).</summary>
    public const string LadCode = "lad_code";

    /// <summary><c>cauth_code</c> (String): the combined authority (E47000004 for the Liverpool City Region).</summary>
    public const string CauthCode = "cauth_code";

    /// <summary><c>population</c> (Float64): the population.</summary>
    public const string Population = "population";

    /// <summary><c>need_score</c> (Float64): the need score.</summary>
    public const string NeedScore = "need_score";

    /// <summary><c>need_rank</c> (Int32): the need rank, 1 = most need.</summary>
    public const string NeedRank = "need_rank";

    /// <summary><c>need_decile</c> (Int32): the need decile, 1 = the 10% with most need.</summary>
    public const string NeedDecile = "need_decile";

    /// <summary><c>asset_count</c> (Int32): the active organisations based there.</summary>
    public const string AssetCount = "asset_count";

    /// <summary><c>assets_nearby</c> (Int32): organisations within walking distance of where the residents live.</summary>
    public const string AssetsNearby = "assets_nearby";

    /// <summary><c>assets_per_10k</c> (Float64): organisations per 10,000 residents.</summary>
    public const string AssetsPer10k = "assets_per_10k";

    /// <summary><c>quadrant</c> (String): need against assets, e.g. <c>high_need_low_assets</c>.</summary>
    public const string Quadrant = "quadrant";

    /// <summary><c>expected_assets</c> (Float64): the organisations its residents and need predict: residents times the study area's organisations per resident in its need decile.</summary>
    public const string ExpectedAssets = "expected_assets";

    /// <summary><c>asset_gap</c> (Float64): expected minus counted organisations (positive = fewer than LSOAs of the same need have for their residents).</summary>
    public const string AssetGap = "asset_gap";

    /// <summary><c>centre_longitude</c> (Float64): where nearby is measured from: longitude.</summary>
    public const string CentreLongitude = "centre_longitude";

    /// <summary><c>centre_latitude</c> (Float64): where nearby is measured from: latitude.</summary>
    public const string CentreLatitude = "centre_latitude";

    /// <summary><c>centre_basis</c> (String): where that centre comes from: <c>centroids:&lt;source id&gt;</c>, <c>postcode_mean</c> or <c>polygon_centroid</c>.</summary>
    public const string CentreBasis = "centre_basis";

    /// <summary><c>lad_name</c> (String): the district's name.</summary>
    public const string LadName = "lad_name";

    /// <summary><c>nearby_metres</c> (Float64): the distance <c>assets_nearby</c> counts within (the first of <c>asset_need.nearby_metres</c>).</summary>
    public const string NearbyMetres = "nearby_metres";

    /// <summary><c>asset_gap_lower</c> (Float64): the lower 95% limit of the gap (expected minus the upper Poisson limit of the count).</summary>
    public const string AssetGapLower = "asset_gap_lower";

    /// <summary><c>asset_gap_upper</c> (Float64): the upper 95% limit of the gap (expected minus the lower Poisson limit of the count).</summary>
    public const string AssetGapUpper = "asset_gap_upper";

    /// <summary><c>gap_assessment</c> (String): <c>shortfall</c> (the whole interval above 0), <c>surplus</c> (below 0) or <c>as_expected</c>.</summary>
    public const string GapAssessment = "gap_assessment";

    /// <summary><c>gap_method</c> (String): how the gap is computed (<c>poisson_need_decile_rate</c>).</summary>
    public const string GapMethod = "gap_method";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LsoaCode,
        LsoaVintage,
        LsoaName,
        LadCode,
        CauthCode,
        Population,
        NeedScore,
        NeedRank,
        NeedDecile,
        AssetCount,
        AssetsNearby,
        AssetsPer10k,
        Quadrant,
        ExpectedAssets,
        AssetGap,
        CentreLongitude,
        CentreLatitude,
        CentreBasis,
        LadName,
        NearbyMetres,
        AssetGapLower,
        AssetGapUpper,
        GapAssessment,
        GapMethod,
    ];
}

/// <summary>The columns of <c>asset_access</c> (<see cref="TableNames.AssetAccess"/>), in the order they are written.</summary>
public static class AssetAccessColumns
{
    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_vintage</c> (Int32): 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>category</c> (String): the organisations' category, or <c>all</c>.</summary>
    public const string Category = "category";

    /// <summary><c>distance_metres</c> (Float64): the walking distance (great-circle metres from the LSOA's centre).</summary>
    public const string DistanceMetres = "distance_metres";

    /// <summary><c>assets_nearby</c> (Int32): counted organisations of the category within the distance, wherever the LSOA boundary falls.</summary>
    public const string AssetsNearby = "assets_nearby";

    /// <summary><c>centre_basis</c> (String): where the distance is measured from (as in <c>asset_need</c>).</summary>
    public const string CentreBasis = "centre_basis";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = [LsoaCode, LsoaVintage, Category, DistanceMetres, AssetsNearby, CentreBasis];
}

/// <summary>The columns of <c>asset_category_summary</c> (<see cref="TableNames.AssetCategorySummary"/>), in the order they are written.</summary>
public static class AssetCategorySummaryColumns
{
    /// <summary><c>area_code</c> (String): the area (district, combined authority, region or study area).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): <c>lad</c>, <c>combined_authority</c>, <c>region</c> or <c>study_area</c>.</summary>
    public const string AreaType = "area_type";

    /// <summary><c>area_name</c> (String): the area's name, where known.</summary>
    public const string AreaName = "area_name";

    /// <summary><c>category</c> (String): the organisations' category.</summary>
    public const string Category = "category";

    /// <summary><c>population</c> (Float64): the area's residents.</summary>
    public const string Population = "population";

    /// <summary><c>asset_count</c> (Int32): counted organisations of the category in the area.</summary>
    public const string AssetCount = "asset_count";

    /// <summary><c>assets_per_10k</c> (Float64): of them, per 10,000 residents.</summary>
    public const string AssetsPer10k = "assets_per_10k";

    /// <summary><c>lsoas_with_assets</c> (Int32): the area's LSOAs with at least one.</summary>
    public const string LsoasWithAssets = "lsoas_with_assets";

    /// <summary><c>nearby_metres</c> (Float64): the distance of the next column (the first of <c>asset_need.nearby_metres</c>).</summary>
    public const string NearbyMetres = "nearby_metres";

    /// <summary><c>population_with_nearby</c> (Float64): residents of the LSOAs whose centre has at least one within that distance.</summary>
    public const string PopulationWithNearby = "population_with_nearby";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = [AreaCode, AreaType, AreaName, Category, Population, AssetCount, AssetsPer10k, LsoasWithAssets, NearbyMetres, PopulationWithNearby];
}

/// <summary>The columns of <c>asset_need_deciles</c> (<see cref="TableNames.AssetNeedDeciles"/>), in the order they are written.</summary>
public static class AssetNeedDecilesColumns
{
    /// <summary><c>area_code</c> (String): the area (GSS code).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): the area's type (<c>lsoa</c>, <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>country</c> ...).</summary>
    public const string AreaType = "area_type";

    /// <summary><c>need_decile</c> (Int32): the need decile, 1 = the 10% with most need.</summary>
    public const string NeedDecile = "need_decile";

    /// <summary><c>lsoas</c> (Int32): the LSOAs counted.</summary>
    public const string Lsoas = "lsoas";

    /// <summary><c>population</c> (Float64): the population.</summary>
    public const string Population = "population";

    /// <summary><c>asset_count</c> (Int32): the active organisations based there.</summary>
    public const string AssetCount = "asset_count";

    /// <summary><c>assets_per_10k</c> (Float64): organisations per 10,000 residents.</summary>
    public const string AssetsPer10k = "assets_per_10k";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AreaCode,
        AreaType,
        NeedDecile,
        Lsoas,
        Population,
        AssetCount,
        AssetsPer10k,
    ];
}

/// <summary>The columns of <c>asset_need_summary</c> (<see cref="TableNames.AssetNeedSummary"/>), in the order they are written.</summary>
public static class AssetNeedSummaryColumns
{
    /// <summary><c>area_code</c> (String): the area (GSS code).</summary>
    public const string AreaCode = "area_code";

    /// <summary><c>area_type</c> (String): the area's type (<c>lsoa</c>, <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>country</c> ...).</summary>
    public const string AreaType = "area_type";

    /// <summary><c>area_name</c> (String): the area's name.</summary>
    public const string AreaName = "area_name";

    /// <summary><c>lsoas</c> (Int32): the LSOAs counted.</summary>
    public const string Lsoas = "lsoas";

    /// <summary><c>population</c> (Float64): the population.</summary>
    public const string Population = "population";

    /// <summary><c>asset_count</c> (Int32): the active organisations based there.</summary>
    public const string AssetCount = "asset_count";

    /// <summary><c>assets_per_10k</c> (Float64): organisations per 10,000 residents.</summary>
    public const string AssetsPer10k = "assets_per_10k";

    /// <summary><c>high_need_lsoas</c> (Int32): LSOAs with high need.</summary>
    public const string HighNeedLsoas = "high_need_lsoas";

    /// <summary><c>high_need_low_asset_lsoas</c> (Int32): priority LSOAs: high need and few organisations.</summary>
    public const string HighNeedLowAssetLsoas = "high_need_low_asset_lsoas";

    /// <summary><c>high_need_low_asset_population</c> (Float64): the people living in them.</summary>
    public const string HighNeedLowAssetPopulation = "high_need_low_asset_population";

    /// <summary><c>high_need_low_asset_gap</c> (Float64): their total shortfall of organisations.</summary>
    public const string HighNeedLowAssetGap = "high_need_low_asset_gap";

    /// <summary><c>asset_gradient_sii</c> (Float64): the slope index of inequality of organisations per 10,000 residents over the need deciles.</summary>
    public const string AssetGradientSii = "asset_gradient_sii";

    /// <summary><c>asset_gradient_sii_lower</c> (Float64): its lower 95% limit.</summary>
    public const string AssetGradientSiiLower = "asset_gradient_sii_lower";

    /// <summary><c>asset_gradient_sii_upper</c> (Float64): its upper 95% limit.</summary>
    public const string AssetGradientSiiUpper = "asset_gradient_sii_upper";

    /// <summary><c>asset_concentration_index</c> (Float64): the concentration index of organisations over the need deciles.</summary>
    public const string AssetConcentrationIndex = "asset_concentration_index";

    /// <summary><c>gradient_method</c> (String): the method of the asset gradient.</summary>
    public const string GradientMethod = "gradient_method";

    /// <summary><c>shortfall_lsoas</c> (Int32): LSOAs whose asset gap is a significant shortfall (<c>asset_need.gap_assessment</c> = <c>shortfall</c>).</summary>
    public const string ShortfallLsoas = "shortfall_lsoas";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AreaCode,
        AreaType,
        AreaName,
        Lsoas,
        Population,
        AssetCount,
        AssetsPer10k,
        HighNeedLsoas,
        HighNeedLowAssetLsoas,
        HighNeedLowAssetPopulation,
        HighNeedLowAssetGap,
        AssetGradientSii,
        AssetGradientSiiLower,
        AssetGradientSiiUpper,
        AssetConcentrationIndex,
        GradientMethod,
        ShortfallLsoas,
    ];
}
