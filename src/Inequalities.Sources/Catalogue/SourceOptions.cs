using System.Collections.Frozen;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// A source's <c>options:</c>, parsed and checked when the catalogue loads: numbers are numbers, booleans are
/// booleans, and each option is accepted only where it is used (see <c>docs/data-sources.md</c>). Every field has a
/// default, so a source without options reads <see cref="None"/>.
/// </summary>
public sealed record SourceOptions
{
    private readonly int _headerRow = 1;

    /// <summary>The options of a source that sets none.</summary>
    public static SourceOptions None { get; } = new();

    /// <summary>
    /// <c>header_row</c>: the 1-based row holding the header, in a file whose first rows are titles (ONS SAPE
    /// workbooks); any source.
    /// </summary>
    /// <value>The default value is 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The row is less than 1.</exception>
    public int HeaderRow
    {
        get => _headerRow;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _headerRow = value;
        }
    }

    /// <summary>
    /// <c>header</c>: whether a CSV file has a header row. A file without one (OS Code-Point Open) names its columns by
    /// their 1-based numbers, which its <c>columns:</c> map uses (<c>postcode: "1"</c>), and its first line is data. CSV
    /// sources (csv, csv.gz, a zip member of format csv).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Header { get; init; } = true;

    /// <summary>
    /// <c>column_names</c>: the names of a headerless CSV's columns, in file order, given comma-separated (OS
    /// Code-Point Open's long names from its <c>Doc/Code-Point_Open_Column_Headers.csv</c>); the <c>columns:</c> map
    /// then uses them instead of the 1-based numbers. With <c>header: "false"</c> only; a file whose rows have another
    /// number of fields fails naming both counts.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a headerless file's columns are named by their numbers.</value>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// <c>bom</c>: whether the publisher's CSV starts with a UTF-8 byte-order mark. The parsers read either; the sample
    /// mirror writes one when this is set. Any source.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Bom { get; init; }

    /// <summary>
    /// <c>thousands_separator</c>: how the publisher groups digits in whole numbers (e.g. <c>,</c> in <c>"29,199"</c>);
    /// the parsers accept such numbers either way and the sample mirror writes them so. Any source.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no grouping.</value>
    public string? ThousandsSeparator { get; init; }

    /// <summary>
    /// <c>index_id</c>: the index a source belongs to (<c>iod2019</c>, <c>iod2025</c>, <c>cni2023</c>): a deprivation
    /// source's <c>index_id</c> in the lake, the index a population source gives denominators for, the index an
    /// indicator source's values come with.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (a deprivation source then uses its own id).</value>
    public string? IndexId { get; init; }

    /// <summary>The options of an <c>arcgis</c> source.</summary>
    public ArcGisOptions ArcGis { get; init; } = ArcGisOptions.Default;

    /// <summary>The options of an <c>indicator</c> or <c>fingertips</c> source.</summary>
    public IndicatorOptions Indicator { get; init; } = IndicatorOptions.Default;

    /// <summary>The options of an <c>assets</c> source.</summary>
    public AssetOptions Assets { get; init; } = AssetOptions.Default;
}

/// <summary>
/// The <c>options:</c> of a <c>format: arcgis</c> source: what the fetcher asks the layer for. Accepted (and checked)
/// on any format, so an entry can switch between the layer and a copy of it; only an ArcGIS layer uses them.
/// </summary>
public sealed record ArcGisOptions
{
    /// <summary>The options of a layer that sets none.</summary>
    public static ArcGisOptions Default { get; } = new();

    /// <summary><c>where</c>: the query's where clause.</summary>
    /// <value>The default value is <c>1=1</c>: every row.</value>
    public string Where { get; init; } = "1=1";

    /// <summary><c>out_sr</c>: the spatial reference id of the geometry asked for.</summary>
    /// <value>The default value is 4326 (WGS84).</value>
    public int OutSr { get; init; } = 4326;

    /// <summary>
    /// <c>return_geometry</c>: whether to ask for the geometry (GeoJSON pages) or only the attributes (Esri JSON pages).
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: geometry for <c>boundaries</c> and <c>centroids</c> sources only
    /// (see <see cref="ReturnsGeometry"/>).
    /// </value>
    public bool? ReturnGeometry { get; init; }

    /// <summary>Whether the fetcher asks a layer of this kind of source for its geometry.</summary>
    /// <param name="kind">The source's kind.</param>
    public bool ReturnsGeometry(SourceKind kind) => ReturnGeometry ?? kind is SourceKind.Boundaries or SourceKind.Centroids;
}

/// <summary>The <c>options:</c> of an <c>indicator</c> or <c>fingertips</c> source.</summary>
public sealed record IndicatorOptions
{
    /// <summary>The options of a source that sets none.</summary>
    public static IndicatorOptions Default { get; } = new();

    /// <summary><c>period</c>: the period of rows that have no period column; the entry's own <c>period</c> otherwise.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Period { get; init; }

    /// <summary>
    /// <c>inherit</c>: whether values published for larger areas are attached to their LSOAs in
    /// <c>lsoa_indicators</c> (method <c>inherited</c>).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Inherit { get; init; }

    /// <summary>
    /// <c>count_indicators</c> (comma-separated ids): the indicators that are counts, shared by population when LSOAs
    /// split or summed when they merge; every other indicator is treated as a rate.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IReadOnlySet<string> CountIndicators { get; init; } = FrozenSet<string>.Empty;

    /// <summary><c>indicator_id</c>: the indicator a single-indicator file holds (a Fingertips extract's id, as in its URL).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? IndicatorId { get; init; }

    /// <summary><c>area_type_id</c>: the Fingertips area type of the extract, as in its URL (<c>501</c> districts, <c>3</c> MSOAs ...).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AreaTypeId { get; init; }
}

/// <summary>The <c>options:</c> of an <c>assets</c> source (a register of community assets).</summary>
public sealed record AssetOptions
{
    /// <summary>The options of a register that sets none.</summary>
    public static AssetOptions Default { get; } = new();

    /// <summary><c>category</c>: the category given to every row when the register has none (e.g. <c>charity</c>).</summary>
    /// <value>The default value is <see langword="null"/> (rows without one are <c>uncategorised</c>).</value>
    public string? Category { get; init; }

    /// <summary>
    /// <c>filter_field</c>: keep only rows whose canonical field (one of the source's <c>columns</c>) equals
    /// <see cref="FilterValue"/>; given together with it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every row.</value>
    public string? FilterField { get; init; }

    /// <summary><c>filter_value</c>: the value <see cref="FilterField"/> must hold.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? FilterValue { get; init; }

    /// <summary>
    /// <c>register</c>: the register this source is an edition of (e.g. <c>coops-uk</c>). Sources naming the same
    /// register are editions of one list: the same <c>asset_id</c> is the same organisation, and the first of them in
    /// the catalogue is the current edition, so an organisation found only in an older edition is not counted (see
    /// docs/data-sources.md, "How registers are merged").
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the source is a register of its own.</value>
    public string? Register { get; init; }
}
