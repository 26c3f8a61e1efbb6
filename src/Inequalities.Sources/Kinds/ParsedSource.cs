namespace Inequalities.Sources.Parsing;

/// <summary>
/// What a parser made of one source: typed columns (numbers in typed arrays, text in dictionary-encoded
/// <see cref="Core.Columnar.StringColumn"/>s, one string per distinct value), never a string per cell or a list of rows.
/// Each kind's output type is documented with its kind (see <c>docs/adding-a-source-kind.md</c>): the lake takes
/// every parsed source of an output type into that type's tables, so a new kind that parses into an existing output
/// type (e.g. <see cref="IndicatorData"/>) lands in the lake without a change there, and one that publishes tables of
/// its own gives them as <see cref="Tables"/>.
/// </summary>
public abstract class ParsedSource
{
    /// <summary>The source id.</summary>
    public required string SourceId { get; init; }

    /// <summary>
    /// For the fields whose <c>columns:</c> entry lists several accepted headers: the header this file used (the
    /// manifest's <c>columns_used</c>); empty when no field has aliases.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The rows the manifest reports for the source (rows parsed, or areas, or usable register rows).</summary>
    public abstract long RowCount { get; }

    /// <summary>Rows of the file that could not be used, with the reason (registers keep their other rows); empty by default.</summary>
    public virtual IReadOnlyList<RejectedRow> Rejected => [];

    /// <summary>
    /// Tables the kind publishes as they are (each written as <c>&lt;name&gt;.parquet</c>; the tables of several
    /// sources with one name are appended in catalogue order); empty for the built-in kinds, whose output types have
    /// tables of their own in the lake.
    /// </summary>
    public virtual IReadOnlyList<Core.Columnar.Table> Tables => [];
}

/// <summary>A source that was read but is not used by this refresh (e.g. a postcode directory with no register to place), with the reason.</summary>
public sealed class UnusedSource : ParsedSource
{
    /// <summary>Why the source is not used.</summary>
    public required string Reason { get; init; }

    /// <summary>Rows read from the file, when it was read at all.</summary>
    public long RowsRead { get; init; }

    /// <inheritdoc />
    public override long RowCount => RowsRead;
}
