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

    /// <summary>Its Companies House number (normalised, <see cref="CompanyNumbers.Normalise"/>), when the register gives one.</summary>
    public string? CompanyNumber { get; init; }

    /// <summary>Its legal form as the register writes it (<c>company_type</c>), when given.</summary>
    public string? LegalForm { get; init; }
}

/// <summary>Companies House numbers as registers write them, made comparable.</summary>
public static class CompanyNumbers
{
    /// <summary>
    /// A Companies House number in its canonical form: upper case, no spaces, all-digit numbers padded to 8 digits
    /// (<c>3231583</c> is <c>03231583</c>), prefixed ones as written (<c>SC399880</c>, <c>NI012345</c>); null for
    /// anything else (empty, too long, not letters and digits).
    /// </summary>
    /// <param name="text">The number as written.</param>
    public static string? Normalise(ReadOnlySpan<char> text)
    {
        Span<char> buffer = stackalloc char[8];
        var length = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) || length == 8)
            {
                return null;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        if (length == 0)
        {
            return null;
        }

        var number = buffer[..length];
        if (number.ContainsAnyExcept("0123456789"))
        {
            // Two-letter prefixes (SC, NI, OC, ...) and six digits; anything else is not a company number.
            return length == 8 && char.IsAsciiLetter(number[0]) && char.IsAsciiLetter(number[1]) && !number[2..].ContainsAnyExcept("0123456789") ? number.ToString() : null;
        }

        return number.ToString().PadLeft(8, '0');
    }
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

    /// <summary>The Companies House number per row (normalised), or null.</summary>
    public required StringColumn CompanyNumbers { get; init; }

    /// <summary>The legal form per row as written (<c>company_type</c>), or null.</summary>
    public required StringColumn LegalForms { get; init; }

    /// <summary>The register this source is an edition of (its <c>register</c> option), or null.</summary>
    public string? Register { get; init; }

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
        CompanyNumber = CompanyNumbers[i],
        LegalForm = LegalForms[i],
    };
}
