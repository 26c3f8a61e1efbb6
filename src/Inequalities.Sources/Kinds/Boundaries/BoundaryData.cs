using Inequalities.Core.Spatial;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Area outlines parsed from a boundaries-kind source. The lake places register rows in LSOAs with the LSOA
/// boundaries (point in polygon), and the charts draw them.
/// </summary>
public sealed class BoundaryData : ParsedSource
{
    /// <summary>The geography vintage of the codes (e.g. 2021), when the catalogue states it.</summary>
    public int? Vintage { get; init; }

    /// <summary>One outline per area, in file order.</summary>
    public required IReadOnlyList<AreaPolygon> Areas { get; init; }

    /// <summary>Area names where the file has them, parallel to <see cref="Areas"/>.</summary>
    public required IReadOnlyList<string?> Names { get; init; }

    /// <inheritdoc />
    public override long RowCount => Areas.Count;
}
