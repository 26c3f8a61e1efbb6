using Inequalities.Core.Spatial;

namespace Inequalities.Sources.Parsing;

/// <summary>Area outlines parsed from a boundaries-kind source.</summary>
public sealed class BoundaryData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The geography vintage of the codes (e.g. 2021), when the catalogue states it.</summary>
    public int? Vintage { get; init; }

    /// <summary>One outline per area, in file order.</summary>
    public required IReadOnlyList<AreaPolygon> Areas { get; init; }

    /// <summary>Area names where the file has them, parallel to <see cref="Areas"/>.</summary>
    public required IReadOnlyList<string?> Names { get; init; }
}

/// <summary>One point per area (population-weighted or geometric centroids) from a centroids-kind source.</summary>
public sealed class CentroidData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The geography vintage of the codes, when stated.</summary>
    public int? Vintage { get; init; }

    /// <summary>Area code to its point.</summary>
    public required IReadOnlyDictionary<string, GeoPoint> Points { get; init; }
}

/// <summary>One postcode of the ONS Postcode Directory.</summary>
/// <param name="Postcode">The postcode as published (e.g. <c>L1 0AA</c>).</param>
/// <param name="Lsoa11">Its LSOA 2011, when the directory maps it.</param>
/// <param name="Lsoa21">Its LSOA 2021, when the directory maps it.</param>
/// <param name="Point">Its coordinates, when the directory gives them.</param>
/// <param name="Terminated">The termination date (YYYYMM) of a postcode no longer in use; null while live.</param>
public sealed record PostcodeEntry(string Postcode, string? Lsoa11, string? Lsoa21, GeoPoint? Point, string? Terminated);

/// <summary>The part of a postcode directory a refresh needs (the postcodes its registers use).</summary>
public sealed class PostcodeDirectory
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Postcodes keyed by <see cref="PostcodeParser.Normalise"/> form (upper case, no spaces).</summary>
    public required IReadOnlyDictionary<string, PostcodeEntry> Entries { get; init; }

    /// <summary>Rows read from the file (all of them, kept or not).</summary>
    public required long RowsRead { get; init; }

    /// <summary>Finds a postcode in any spacing or case.</summary>
    /// <param name="postcode">The postcode.</param>
    public PostcodeEntry? Find(string postcode) =>
        PostcodeParser.Normalise(postcode) is { } key && Entries.TryGetValue(key, out var entry) ? entry : null;
}

/// <summary>A register row that could not be used, with the reason; the rest of the register is kept.</summary>
/// <param name="SourceId">The source id.</param>
/// <param name="Row">The 1-based data row (header excluded).</param>
/// <param name="Reason">What is wrong (names the column and what was expected).</param>
public sealed record RejectedRow(string SourceId, long Row, string Reason)
{
    /// <summary>The row as one line: <c>source 'x' row 12: reason</c>.</summary>
    public override string ToString() => $"source '{SourceId}' row {Row}: {Reason}";
}

/// <summary>One organisation or place from an asset register.</summary>
public sealed record AssetRecord
{
    /// <summary>The 1-based data row it came from.</summary>
    public required long Row { get; init; }

    /// <summary>The register's id for it (or <c>row-N</c> when the register has none).</summary>
    public required string AssetId { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>Its category (lower-case snake_case), from the register or the entry's <c>category</c> option.</summary>
    public required string Category { get; init; }

    /// <summary>Its postcode as written, when given.</summary>
    public string? Postcode { get; init; }

    /// <summary>Its coordinates, when given.</summary>
    public GeoPoint? Point { get; init; }

    /// <summary>An LSOA code the register itself gives, when it does.</summary>
    public string? LsoaCode { get; init; }

    /// <summary>The register's status text, when given.</summary>
    public string? Status { get; init; }

    /// <summary>Whether it is still operating (no removal date, and a status that is not removed, dissolved or closed).</summary>
    public required bool Active { get; init; }
}

/// <summary>An asset register, parsed: the usable rows and the rejected ones.</summary>
public sealed class AssetData
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The usable rows.</summary>
    public required IReadOnlyList<AssetRecord> Records { get; init; }

    /// <summary>Rows that could not be used, with source, row and reason.</summary>
    public required IReadOnlyList<RejectedRow> Rejected { get; init; }

    /// <summary>Rows left out on purpose (e.g. by <c>filter_field</c>), with the reason.</summary>
    public required IReadOnlyDictionary<string, int> Skipped { get; init; }
}
