using System.Globalization;
using ExcelDataReader;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// One worksheet of an Office Open XML workbook, streamed row by row with ExcelDataReader (shared and inline strings,
/// gaps left by empty cells, cached formula values). The header is the first non-empty row at or after sheet row
/// <c>header_row</c>. Numbers are given as their shortest round-trip invariant text, booleans as TRUE/FALSE and
/// date-formatted cells as the serial number the workbook stores.
/// </summary>
internal sealed class XlsxTabularReader : TabularReader
{
    private readonly IExcelDataReader _excel;
    private string[] _headers = [];
    private string[] _row = [];
    private int _sheetRow;

    static XlsxTabularReader()
    {
        // ExcelDataReader's configuration defaults to Windows-1252 for legacy workbooks, which .NET has only through
        // the in-box code-pages provider; registering it adds encodings and changes no existing one.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    }

    private XlsxTabularReader(IExcelDataReader excel)
    {
        _excel = excel;
    }

    public override IReadOnlyList<string> Headers => _headers;

    /// <summary>Opens the named sheet (matched ignoring case and surrounding spaces) and reads its header.</summary>
    /// <param name="sourceId">The source id, for messages.</param>
    /// <param name="stream">The workbook (seekable).</param>
    /// <param name="sheetName">The worksheet.</param>
    /// <param name="skipRows">Sheet rows before the header (the <c>header_row</c> option less one).</param>
    public static XlsxTabularReader Open(string sourceId, Stream stream, string sheetName, int skipRows = 0)
    {
        IExcelDataReader excel;
        try
        {
            excel = ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.HeaderException or InvalidDataException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            stream.Dispose();
            throw new SourceDataException(sourceId, null, null, $"the file is not an xlsx workbook ({ex.Message})");
        }

        var reader = new XlsxTabularReader(excel);
        try
        {
            var names = new List<string>();
            while (!string.Equals(excel.Name?.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                names.Add(excel.Name ?? string.Empty);
                if (!excel.NextResult())
                {
                    throw new SourceDataException(sourceId, null, null, $"the workbook has no sheet '{sheetName}' (sheets: {string.Join(", ", names)})");
                }
            }

            // The header is the first non-empty row at or after sheet row header_row (the rows as the workbook shows
            // them, blank title rows counted).
            bool found;
            while ((found = reader.NextRow()) && reader._sheetRow <= skipRows)
            {
            }

            if (!found)
            {
                throw new SourceDataException(sourceId, null, null, $"sheet '{sheetName}' is empty; expected a header row");
            }

            reader._headers = reader._row.Select(c => CleanHeader(c)).ToArray();
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public override bool Read()
    {
        if (!NextRow())
        {
            return false;
        }

        Row++;
        return true;
    }

    public override ReadOnlySpan<char> Field(int index) => (uint)index < (uint)_row.Length ? _row[index].AsSpan() : default;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _excel.Dispose();
        }
    }

    /// <summary>Moves to the next row holding a value; <see cref="_sheetRow"/> is its 1-based sheet row.</summary>
    private bool NextRow()
    {
        while (_excel.Read())
        {
            _sheetRow++;
            var count = _excel.FieldCount;
            if (_row.Length != count)
            {
                _row = new string[count];
            }

            var any = false;
            for (var i = 0; i < count; i++)
            {
                var text = Text(_excel.GetValue(i));
                _row[i] = text;
                any |= text.Length > 0;
            }

            if (any)
            {
                return true;
            }
        }

        return false;
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        DateTime t => t.ToOADate().ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
