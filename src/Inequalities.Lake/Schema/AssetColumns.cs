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

    /// <summary><c>lad_code</c> (String): the district of the LSOA it was placed in (LAD of the lake's vintage), or null.</summary>
    public const string LadCode = "lad_code";

    /// <summary><c>legal_form</c> (String): its legal form as the register writes it (Society, Company, Community Interest Company, ...).</summary>
    public const string LegalForm = "legal_form";

    /// <summary><c>company_number</c> (String): its Companies House number, normalised (8 characters), when a register gives one.</summary>
    public const string CompanyNumber = "company_number";

    /// <summary><c>point_source</c> (String): where its point comes from: <c>register</c>, or the postcode directory's source id.</summary>
    public const string PointSource = "point_source";

    /// <summary><c>reject_reason</c> (String): why it is not counted (see <c>asset_rejects</c>), or null when it is.</summary>
    public const string RejectReason = "reject_reason";

    /// <summary><c>merged_from</c> (String): the rows of other registers merged into this one (<c>source_id:asset_id</c>, separated by <c>; </c>), or null.</summary>
    public const string MergedFrom = "merged_from";

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
        LadCode,
        LegalForm,
        CompanyNumber,
        PointSource,
        RejectReason,
        MergedFrom,
    ];
}

/// <summary>The columns of <c>asset_rejects</c> (<see cref="TableNames.AssetRejects"/>), in the order they are written.</summary>
public static class AssetRejectsColumns
{
    /// <summary><c>source_id</c> (String): the register.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>asset_id</c> (String): the register's id of the organisation (null for a row that could not be read).</summary>
    public const string AssetId = "asset_id";

    /// <summary><c>name</c> (String): the organisation's name.</summary>
    public const string Name = "name";

    /// <summary><c>postcode</c> (String): its postcode as written.</summary>
    public const string Postcode = "postcode";

    /// <summary><c>reason</c> (String): <c>dissolved</c>, <c>not_in_latest_edition</c>, <c>no_postcode</c>, <c>unknown_postcode</c>, <c>outside_boundaries</c> or <c>invalid_row</c>.</summary>
    public const string Reason = "reason";

    /// <summary><c>detail</c> (String): the register's status, the placement note, or the parser's message.</summary>
    public const string Detail = "detail";

    /// <summary><c>source_row</c> (Int64): the register's row number.</summary>
    public const string SourceRow = "source_row";

    /// <summary><c>lsoa_code</c> (String): the LSOA 2021 it would be in (a dissolved organisation is still placed), or null.</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>in_study_area</c> (Boolean): whether that LSOA lies in the study area.</summary>
    public const string InStudyArea = "in_study_area";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = [SourceId, AssetId, Name, Postcode, Reason, Detail, SourceRow, LsoaCode, InStudyArea];
}

/// <summary>The columns of <c>asset_merges</c> (<see cref="TableNames.AssetMerges"/>), in the order they are written.</summary>
public static class AssetMergesColumns
{
    /// <summary><c>source_id</c> (String): the register of the row kept.</summary>
    public const string SourceId = "source_id";

    /// <summary><c>asset_id</c> (String): the id of the row kept.</summary>
    public const string AssetId = "asset_id";

    /// <summary><c>merged_source_id</c> (String): the register of the row merged into it.</summary>
    public const string MergedSourceId = "merged_source_id";

    /// <summary><c>merged_asset_id</c> (String): the id of the row merged into it.</summary>
    public const string MergedAssetId = "merged_asset_id";

    /// <summary><c>merged_name</c> (String): the merged row's name as its register writes it.</summary>
    public const string MergedName = "merged_name";

    /// <summary><c>rule</c> (String): what linked them: <c>company_number</c>, <c>register_id</c> (two editions of one register) or <c>name_postcode</c>.</summary>
    public const string Rule = "rule";

    /// <summary><c>match_key</c> (String): the value they share (the number, the id, or the normalised name and postcode).</summary>
    public const string MatchKey = "match_key";

    /// <summary>Every column, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = [SourceId, AssetId, MergedSourceId, MergedAssetId, MergedName, Rule, MatchKey];
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

