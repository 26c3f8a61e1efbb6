using System.Globalization;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Reads a source's rows through its <c>columns:</c> map, whatever the format (CSV through Sep, gzip, zip members,
/// xlsx through ExcelDataReader, JSON, GeoJSON properties, ArcGIS layers): canonical names are bound to the file's
/// headers once (exact, then ignoring case and spacing, then <c>*</c> wildcards, header aliases in order), and typed
/// getters parse each field with errors naming the source, row, column and what was expected. Every kind's parser reads
/// through it (see <see cref="Kinds.ISourceKind"/>); fields are spans valid until the next <see cref="Read"/>.
/// </summary>
public sealed class SourceRecordReader : IDisposable
{
    private static readonly string[] MissingMarkers = ["", "NA", "N/A", "n/a", "..", ":", "-", "x", "c", "*", "null", "NULL"];

    private readonly TabularReader _reader;
    private readonly SourceDefinition _source;
    private readonly ColumnBinding _binding;

    private SourceRecordReader(SourceDefinition source, TabularReader reader, IEnumerable<string> required)
    {
        _source = source;
        _reader = reader;
        _binding = ColumnBinding.Bind(source, reader.Headers, required: required);
    }

    /// <summary>The source being read.</summary>
    public SourceDefinition Source => _source;

    /// <summary>The 1-based data row.</summary>
    public long Row => _reader.Row;

    /// <summary>An estimate of the file's data rows once a row is read, for sizing buffers; 0 when the format cannot tell.</summary>
    internal long EstimatedRows => _reader.EstimatedRows;

    /// <summary>The file's headers.</summary>
    public IReadOnlyList<string> Headers => _reader.Headers;

    /// <summary>Opens a source file and binds its columns map; every missing header is reported at once.</summary>
    /// <param name="source">The catalogue entry.</param>
    /// <param name="path">The local copy.</param>
    /// <param name="required">Canonical fields the caller needs even where the kind makes them optional.</param>
    public static SourceRecordReader Open(SourceDefinition source, string path, params string[] required)
    {
        var reader = TabularReader.Open(source, path);
        try
        {
            return new SourceRecordReader(source, reader, required);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>For the fields with several accepted headers: the accepted header found in this file (for the manifest).</summary>
    public IReadOnlyDictionary<string, string> ColumnsUsed => _binding.AliasesUsed;

    /// <summary>Whether the columns map names a canonical field.</summary>
    public bool Has(string canonical) => _binding.Slots.ContainsKey(canonical);

    /// <summary>The slot of a mapped canonical field, or -1.</summary>
    public int Slot(string canonical) => _binding.Slots.TryGetValue(canonical, out var i) ? i : -1;

    /// <summary>The slot of any header (mapped or not), or -1; used for files whose columns are data (ages, years).</summary>
    public int HeaderSlot(string header) => ColumnBinding.FindHeader(_reader.Headers, header);

    /// <summary>Moves to the next row.</summary>
    public bool Read() => _reader.Read();

    /// <summary>The raw text of a slot, trimmed.</summary>
    public ReadOnlySpan<char> Span(int slot) => slot < 0 ? default : _reader.Field(slot).Trim();

    /// <summary>The text of a slot, or null when empty.</summary>
    public string? Text(int slot)
    {
        var span = Span(slot);
        return span.IsEmpty ? null : span.ToString();
    }

    /// <summary>Text that must be present.</summary>
    public string RequiredText(int slot, string canonical)
    {
        var span = Span(slot);
        return span.IsEmpty ? throw Error(canonical, "is empty; a value is required") : span.ToString();
    }

    /// <summary>A number, or null for an empty or missing-value marker (NA, .., :, -, x, c, *). Thousands separators are accepted.</summary>
    public double? Double(int slot, string canonical)
    {
        if (slot >= 0 && _reader.TryNumber(slot, out var quick))
        {
            return quick;
        }

        var span = Span(slot);
        if (IsMissing(span))
        {
            return null;
        }

        if (TryParseNumber(span, out var value))
        {
            return value;
        }

        throw Error(canonical, $"'{span}' is not a number");
    }

    /// <summary>A whole number, or null when missing.</summary>
    public long? Integer(int slot, string canonical)
    {
        var value = Double(slot, canonical);
        if (value is not { } v)
        {
            return null;
        }

        if (v != Math.Floor(v) || Math.Abs(v) > 9e15)
        {
            throw Error(canonical, $"'{Span(slot)}' is not a whole number");
        }

        return (long)v;
    }

    /// <summary>A GSS code that must be well formed and, when given, of one of the expected entities.</summary>
    public string Code(int slot, string canonical, params string[] entities) => CodeSpan(slot, canonical, entities).ToString();

    /// <summary>
    /// A GSS code that must be well formed and, when given, of one of the expected entities (<c>E01</c>, <c>W01</c>),
    /// as a span valid until the next <see cref="Read"/> (nothing allocated).
    /// </summary>
    public ReadOnlySpan<char> CodeSpan(int slot, string canonical, params string[] entities) => CheckCode(Span(slot), canonical, entities);

    /// <summary>Checks a field read with <see cref="Span"/> as a GSS code (see <see cref="CodeSpan"/>) and returns it.</summary>
    internal ReadOnlySpan<char> CheckCode(ReadOnlySpan<char> span, string canonical, params string[] entities)
    {
        if (span.IsEmpty)
        {
            throw Error(canonical, "is empty; an area code is required");
        }

        if (!GssCode.IsWellFormed(span))
        {
            throw Error(canonical, $"'{span}' is not a GSS code (a letter and 8 digits, e.g. E01006512)");
        }

        if (entities.Length > 0 && !IsEntity(span, entities))
        {
            throw Error(canonical, $"'{span}' is not a code of the expected kind ({string.Join(" or ", entities)}...)");
        }

        return span;
    }

    /// <summary>Appends the text of a slot to a parser's text column (a null row when empty).</summary>
    internal void AppendText(TextColumn column, int slot) => column.AppendOrNull(Span(slot));

    private static bool IsEntity(ReadOnlySpan<char> code, string[] entities)
    {
        foreach (var entity in entities)
        {
            if (code.StartsWith(entity, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An error about the current row and a column.</summary>
    public SourceDataException Error(string canonical, string problem)
    {
        var header = _binding.Headers.TryGetValue(canonical, out var bound) ? bound : _source.Column(canonical);
        var column = header is null ? $"'{canonical}'" : $"'{canonical}' (header '{header}')";
        return new SourceDataException(_source.Id, Row, column, problem);
    }

    /// <summary>An error about the current row.</summary>
    public SourceDataException RowError(string problem) => new(_source.Id, Row, null, problem);

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>Whether a field is empty or a missing-value marker.</summary>
    public static bool IsMissing(ReadOnlySpan<char> span)
    {
        // No marker is longer than 4 characters or starts with a digit.
        if (span.Length > 4 || (span.Length > 0 && char.IsAsciiDigit(span[0])))
        {
            return false;
        }

        foreach (var marker in MissingMarkers)
        {
            if (span.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses an invariant number, accepting thousands separators ("29,199") and a trailing percent sign.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> span, out double value)
    {
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (span.Length > 1 && span[^1] == '%')
        {
            return TryParseNumber(span[..^1].TrimEnd(), out value);
        }

        if (span.Contains(','))
        {
            return double.TryParse(span, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
        }

        return false;
    }
}
