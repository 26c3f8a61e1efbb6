namespace Inequalities.Lake;

/// <summary>The columns of <c>assets</c> (<see cref="TableNames.Assets"/>), in the order they are written.</summary>
public static class AssetsColumns
{
    /// <summary><c>source_id</c> (String): the catalogue entry the row comes from.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>asset_id</c> (String): the register's id of the organisation.</summary>
    public const string AssetId = "asset_id";

    /// <summary><c>name</c> (String): the organisation's name.</summary>
    public const string Name = "name";

    /// <summary><c>category</c> (String): the organisation's category.</summary>
    public const string Category = "category";

    /// <summary><c>postcode</c> (String): the postcode.</summary>
    public const string Postcode = "postcode";

    /// <summary><c>latitude</c> (Float64): WGS84 latitude.</summary>
    public const string Latitude = "latitude";

    /// <summary><c>longitude</c> (Float64): WGS84 longitude.</summary>
    public const string Longitude = "longitude";

    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage, 2011 or 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>placement</c> (String): how the organisation was placed in an LSOA (<c>coordinates</c>, <c>postcode</c>, <c>lsoa_code</c>, <c>unplaced</c>).</summary>
    public const string Placement = "placement";

    /// <summary><c>placement_note</c> (String): details of the placement, or why it failed.</summary>
    public const string PlacementNote = "placement_note";

    /// <summary><c>status</c> (String): the register's status.</summary>
    public const string Status = "status";

    /// <summary><c>active</c> (Boolean): whether the organisation is active.</summary>
    public const string Active = "active";

    /// <summary><c>in_study_area</c> (Boolean): whether it lies in the study area.</summary>
    public const string InStudyArea = "in_study_area";

    /// <summary><c>source_row</c> (Int64): the register's row number.</summary>
    public const string SourceRow = "source_row";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SourceId,
        AssetId,
        Name,
        Category,
        Postcode,
        Latitude,
        Longitude,
        LsoaCode,
        LsoaVintage,
        Placement,
        PlacementNote,
        Status,
        Active,
        InStudyArea,
        SourceRow,
    ];
}

/// <summary>The columns of <c>asset_categories</c> (<see cref="TableNames.AssetCategories"/>), in the order they are written.</summary>
public static class AssetCategoriesColumns
{
    /// <summary><c>lsoa_code</c> (String): the LSOA (GSS code).</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>lsoa_vintage</c> (Int32): the LSOA vintage, 2011 or 2021.</summary>
    public const string LsoaVintage = "lsoa_vintage";

    /// <summary><c>category</c> (String): the organisation's category.</summary>
    public const string Category = "category";

    /// <summary><c>asset_count</c> (Int32): the active organisations of the category based in the LSOA.</summary>
    public const string AssetCount = "asset_count";

    /// <summary><c>assets_per_10k</c> (Float64): organisations per 10,000 residents.</summary>
    public const string AssetsPer10k = "assets_per_10k";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LsoaCode,
        LsoaVintage,
        Category,
        AssetCount,
        AssetsPer10k,
    ];
}

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

    /// <summary><c>expected_assets</c> (Float64): the organisations the LSOA would have if the area's were shared out by need and residents.</summary>
    public const string ExpectedAssets = "expected_assets";

    /// <summary><c>asset_gap</c> (Float64): how many it is short of that share (positive = fewer).</summary>
    public const string AssetGap = "asset_gap";

    /// <summary><c>centre_longitude</c> (Float64): where nearby is measured from: longitude.</summary>
    public const string CentreLongitude = "centre_longitude";

    /// <summary><c>centre_latitude</c> (Float64): where nearby is measured from: latitude.</summary>
    public const string CentreLatitude = "centre_latitude";

    /// <summary><c>centre_basis</c> (String): where that centre comes from.</summary>
    public const string CentreBasis = "centre_basis";

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
    ];
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
    ];
}
