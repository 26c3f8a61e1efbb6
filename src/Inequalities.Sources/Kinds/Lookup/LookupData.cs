using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// A geography lookup, parsed from a lookup-kind source: one dictionary-encoded column per canonical field
/// (<c>lsoa11_code</c>, <c>lad24_name</c>, <c>change_code</c>...). The lake takes the lookups into <c>areas</c> (LSOA
/// membership, names, MSOA, district, combined authority, region) and moves values between LSOA vintages with the
/// LSOA 2011 to 2021 lookup.
/// </summary>
public sealed class LookupData : ParsedSource
{
    /// <summary>Canonical field (e.g. <c>lsoa11_code</c>) to its values, one per row (null where empty).</summary>
    public required IReadOnlyDictionary<string, StringColumn> Columns { get; init; }

    /// <summary>Number of rows.</summary>
    public int Rows => Columns.Count == 0 ? 0 : Columns.First().Value.Length;

    /// <inheritdoc />
    public override long RowCount => Rows;
}
