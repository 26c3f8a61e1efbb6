using System.Globalization;
using Inequalities.Core.Geography;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Reads a source's rows through its <c>columns:</c> map: canonical names are bound to the file's headers once
/// (exact, then ignoring case and spacing, then <c>*</c> wildcards), and typed getters parse each field with errors
/// naming the source, row, column and what was expected.
/// </summary>
internal sealed class SourceRecordReader : IDisposable
{
    private static readonly string[] MissingMarkers = ["", "NA", "N/A", "n/a", "..", ":", "-", "x", "c", "*", "null", "NULL"];

    private readonly TabularReader _reader;
    private readonly SourceDefinition _source;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    private SourceRecordReader(SourceDefinition source, TabularReader reader, IEnumerable<string> required)
    {
        _source = source;
        _reader = reader;
        var missing = new List<string>();
        foreach (var (canonical, header) in source.Columns)
        {
            var index = FindHeader(reader.Headers, header);
            if (index >= 0)
            {
                _slots[canonical] = index;
            }
            else
            {
                missing.Add($"'{header}' (for {canonical})");
            }
        }

        foreach (var field in required.Where(f => !source.Columns.ContainsKey(f)))
        {
            missing.Add($"a mapping for the required field '{field}'");
        }

        if (missing.Count > 0)
        {
            throw new SourceDataException(
                source.Id,
                null,
                null,
                $"the file has no {string.Join(", no ", missing)}; the publisher may have renamed its columns (schema drift). Headers found: {string.Join(" | ", reader.Headers.Take(40))}");
        }
    }

    /// <summary>The source being read.</summary>
    public SourceDefinition Source => _source;

    /// <summary>The 1-based data row.</summary>
    public long Row => _reader.Row;

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

    /// <summary>Whether the columns map names a canonical field.</summary>
    public bool Has(string canonical) => _slots.ContainsKey(canonical);

    /// <summary>The slot of a mapped canonical field, or -1.</summary>
    public int Slot(string canonical) => _slots.TryGetValue(canonical, out var i) ? i : -1;

    /// <summary>The slot of any header (mapped or not), or -1; used for files whose columns are data (ages, years).</summary>
    public int HeaderSlot(string header) => FindHeader(_reader.Headers, header);

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
    public string Code(int slot, string canonical, params string[] entities)
    {
        var span = Span(slot);
        if (span.IsEmpty)
        {
            throw Error(canonical, "is empty; an area code is required");
        }

        if (!GssCode.IsWellFormed(span))
        {
            throw Error(canonical, $"'{span}' is not a GSS code (a letter and 8 digits, e.g. E01006512)");
        }

        if (entities.Length > 0 && !entities.Contains(GssCode.Entity(span).ToString()))
        {
            throw Error(canonical, $"'{span}' is not a code of the expected kind ({string.Join(" or ", entities)}...)");
        }

        return span.ToString();
    }

    /// <summary>An error about the current row and a column.</summary>
    public SourceDataException Error(string canonical, string problem)
    {
        var header = _source.Column(canonical);
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

    /// <summary>Finds a header: exact, then ignoring case and runs of spaces, then a <c>*</c> wildcard pattern.</summary>
    internal static int FindHeader(IReadOnlyList<string> headers, string wanted)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], wanted, StringComparison.Ordinal))
            {
                return i;
            }
        }

        var squashed = Squash(wanted);
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(Squash(headers[i]), squashed, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (wanted.Contains('*', StringComparison.Ordinal))
        {
            var parts = squashed.Split('*');
            for (var i = 0; i < headers.Count; i++)
            {
                if (MatchesWildcard(Squash(headers[i]), parts))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static bool MatchesWildcard(string text, string[] parts)
    {
        if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !text.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = parts[0].Length;
        for (var p = 1; p < parts.Length - 1; p++)
        {
            var found = text.IndexOf(parts[p], at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[p].Length;
        }

        return text.Length - parts[^1].Length >= at;
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
