namespace Inequalities.Sources.Catalogue;

/// <summary>The file format a source is published in.</summary>
public enum SourceFormat
{
    /// <summary>Comma-separated values (UTF-8, optionally with a byte-order mark).</summary>
    Csv,

    /// <summary>Gzip-compressed CSV.</summary>
    CsvGz,

    /// <summary>An Office Open XML workbook; the entry names the <c>sheet</c>.</summary>
    Xlsx,

    /// <summary>A zip archive; the entry names the <c>member</c> to read and its inner format.</summary>
    Zip,

    /// <summary>A JSON document (an array of objects, or an object holding one).</summary>
    Json,

    /// <summary>A GeoJSON feature collection.</summary>
    GeoJson,

    /// <summary>
    /// An ArcGIS FeatureServer or MapServer layer: the url names the layer (<c>.../FeatureServer/0</c>); the fetcher
    /// reads its metadata, asks for the row count, pages through its query interface and stores the rows as one
    /// GeoJSON FeatureCollection, which the parsers read exactly as <see cref="GeoJson"/>.
    /// </summary>
    ArcGis,
}

/// <summary>What a source holds, which decides how it is parsed and where it lands in the lake.</summary>
public enum SourceKind
{
    /// <summary>An index of deprivation or need at LSOA level (ranks, deciles, scores, denominators).</summary>
    Deprivation,

    /// <summary>A geography lookup (LSOA to LSOA, MSOA, ward, LAD, combined authority, region).</summary>
    Lookup,

    /// <summary>Population estimates by area, in total and optionally by age.</summary>
    Population,

    /// <summary>Indicator values by area and period, long or wide.</summary>
    Indicator,

    /// <summary>An OHID Fingertips <c>all_data/csv</c> extract.</summary>
    Fingertips,

    /// <summary>Area boundaries as GeoJSON polygons.</summary>
    Boundaries,

    /// <summary>Area centre points (longitude, latitude).</summary>
    Centroids,

    /// <summary>The ONS postcode directory (postcode to LSOA, with coordinates and termination date).</summary>
    Postcodes,

    /// <summary>A register of community assets (charities, CICs, co-operatives, a local directory).</summary>
    Assets,

    /// <summary>
    /// A kind added through <see cref="Kinds.SourceKinds.Register"/> rather than built in; the entry's
    /// <see cref="SourceDefinition.KindName"/> names it (see <c>docs/adding-a-source-kind.md</c>).
    /// </summary>
    Registered,
}

/// <summary>The geography level a source is published at.</summary>
public enum GeographyLevel
{
    /// <summary>Lower layer super output area.</summary>
    Lsoa,

    /// <summary>Middle layer super output area.</summary>
    Msoa,

    /// <summary>Electoral ward.</summary>
    Ward,

    /// <summary>Local authority district (lower tier).</summary>
    Lad,

    /// <summary>Upper-tier local authority (county or unitary).</summary>
    Utla,

    /// <summary>Combined authority.</summary>
    CombinedAuthority,

    /// <summary>Region.</summary>
    Region,

    /// <summary>A country (England).</summary>
    Country,

    /// <summary>Postcode (unit).</summary>
    Postcode,

    /// <summary>Points or addresses placed in areas later (asset registers).</summary>
    Point,

    /// <summary>Several levels in one file (Fingertips extracts with an Area Type column).</summary>
    Mixed,
}
