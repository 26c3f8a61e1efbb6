using System.Globalization;
using System.Text;
using CsvHelper;
using Inequalities.Core.Columnar;

namespace Inequalities.Lake.Csv;

/// <summary>
/// The tool's one CSV writer (CsvHelper underneath): a table's column names, then a line per row. Cells are written
/// as other engines read them back: text as it is, numbers invariant (doubles and floats round-trip, <c>R</c>), booleans
/// <c>true</c>/<c>false</c>, dates <c>yyyy-MM-dd</c>, nulls empty; a cell is quoted only when it holds a comma, a
/// quote or a line break (RFC 4180). UTF-8 without a byte-order mark. <c>inequalities export</c> and the <c>sii</c>
/// verb write through it.
/// </summary>
public static class TableCsv
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Writes a table to a CSV file (replaced when it exists).</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">The file.</param>
    /// <param name="newLine">The line ending (default CRLF, as RFC 4180 has it).</param>
    public static void WriteFile(Table table, string path, string newLine = "\r\n")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, Utf8NoBom);
        Write(table, writer, newLine);
    }

    /// <summary>Writes a table as CSV to a text writer (left open).</summary>
    /// <param name="table">The table.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="newLine">The line ending (default CRLF).</param>
    public static void Write(Table table, TextWriter output, string newLine = "\r\n")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { NewLine = newLine, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        foreach (var column in table.Columns)
        {
            csv.WriteField(column.Name);
        }

        csv.EndRecord();
        var cells = table.Columns.Select(Formatter).ToArray();
        for (var row = 0; row < table.RowCount; row++)
        {
            foreach (var cell in cells)
            {
                csv.WriteField(cell(row));
            }

            csv.EndRecord();
        }
    }

    /// <summary>A cell as this writer writes it (empty for null).</summary>
    /// <param name="column">The column.</param>
    /// <param name="row">The row.</param>
    public static string Format(Column column, int row) => Formatter(column)(row);

    private static Func<int, string> Formatter(Column column) => column switch
    {
        StringColumn s => row => s[row] ?? string.Empty,
        PrimitiveColumn<double> d => row => d[row] is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        PrimitiveColumn<float> f => row => f[row] is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        PrimitiveColumn<int> n => row => n[row] is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty,
        PrimitiveColumn<long> n => row => n[row] is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty,
        PrimitiveColumn<byte> n => row => n[row] is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty,
        PrimitiveColumn<bool> b => row => b[row] is { } v ? (v ? "true" : "false") : string.Empty,
        PrimitiveColumn<DateOnly> t => row => t[row] is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty,
        _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.DataType} cannot be written to CSV."),
    };
}
