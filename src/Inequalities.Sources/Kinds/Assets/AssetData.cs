using Inequalities.Core.Columnar;
using Inequalities.Core.Spatial;

namespace Inequalities.Sources.Parsing;

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

/// <summary>
/// An asset register, parsed: the usable rows in columns, and the rejected ones. The lake places the rows in LSOAs
/// (<c>assets</c>, <c>asset_rejects</c>) and counts them against need (<c>asset_need</c>, <c>asset_need_summary</c>).
/// </summary>
public sealed class AssetData : ParsedSource
{
    private IReadOnlyList<AssetRecord>? _records;

    /// <summary>The 1-based data row each usable row came from.</summary>
    public required long[] SourceRows { get; init; }

    /// <summary>The register's id per row (or <c>row-N</c> when it has none).</summary>
    public required StringColumn AssetIds { get; init; }

    /// <summary>The name per row.</summary>
    public required StringColumn Names { get; init; }

    /// <summary>The category per row (lower-case snake_case).</summary>
    public required StringColumn Categories { get; init; }

    /// <summary>The postcode as written, or null.</summary>
    public required StringColumn Postcodes { get; init; }

    /// <summary>WGS84 longitude per row; NaN where the row has no coordinates.</summary>
    public required double[] Longitudes { get; init; }

    /// <summary>WGS84 latitude per row; NaN where the row has no coordinates.</summary>
    public required double[] Latitudes { get; init; }

    /// <summary>The LSOA code the register gives, or null.</summary>
    public required StringColumn LsoaCodes { get; init; }

    /// <summary>The register's status text, or null.</summary>
    public required StringColumn Statuses { get; init; }

    /// <summary>Whether each row is still operating.</summary>
    public required bool[] Active { get; init; }

    /// <summary>The usable rows as records (made from the columns on first use).</summary>
    public IReadOnlyList<AssetRecord> Records => _records ??= [.. Enumerable.Range(0, Active.Length).Select(Record)];

    /// <summary>Rows that could not be used, with source, row and reason.</summary>
    public required IReadOnlyList<RejectedRow> RejectedRows { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<RejectedRow> Rejected => RejectedRows;

    /// <summary>Rows left out on purpose (e.g. by <c>filter_field</c>), with the reason.</summary>
    public required IReadOnlyDictionary<string, int> Skipped { get; init; }

    /// <inheritdoc />
    public override long RowCount => Active.Length;

    private AssetRecord Record(int i) => new()
    {
        Row = SourceRows[i],
        AssetId = AssetIds[i]!,
        Name = Names[i]!,
        Category = Categories[i]!,
        Postcode = Postcodes[i],
        Point = double.IsNaN(Longitudes[i]) ? null : new GeoPoint(Longitudes[i], Latitudes[i]),
        LsoaCode = LsoaCodes[i],
        Status = Statuses[i],
        Active = Active[i],
    };
}
