using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Inequalities.Sources.Sample;

/// <summary>One worksheet of an <see cref="XlsxWorkbook"/>.</summary>
/// <param name="Name">The sheet's name.</param>
/// <param name="Title">Text in A1 when the header is not on row 1 (publishers put titles above the header).</param>
/// <param name="HeaderRow">The 1-based row of the header.</param>
/// <param name="Headers">The header cells.</param>
/// <param name="Rows">The data rows (null or empty cells are left out).</param>
/// <param name="Numeric">Per column, whether values that parse as numbers are written as numbers.</param>
internal sealed record XlsxSheet(string Name, string? Title, int HeaderRow, IReadOnlyList<string> Headers, IEnumerable<string?[]> Rows, IReadOnlyList<bool> Numeric);

/// <summary>
/// A minimal Office Open XML workbook writer: inline strings and numbers, one or more sheets, byte for byte the same
/// on every run (fixed zip timestamps). The sample mirror and the test publishers' simulator write xlsx with it.
/// </summary>
internal static class XlsxWorkbook
{
    private const string XmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var parts = new List<(string Name, byte[] Content)>
        {
            ("[Content_Types].xml", Utf8NoBom.GetBytes(XmlHeader +
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")) +
                "</Types>")),
            ("_rels/.rels", Utf8NoBom.GetBytes(XmlHeader +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>")),
            ("xl/workbook.xml", Utf8NoBom.GetBytes(XmlHeader +
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) +
                "</sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", Utf8NoBom.GetBytes(XmlHeader +
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")) +
                "</Relationships>")),
        };
        parts.AddRange(sheets.Select((s, i) => ($"xl/worksheets/sheet{i + 1}.xml", Utf8NoBom.GetBytes(Sheet(s)))));
        return ZipOf(parts);
    }

    /// <summary>A zip of the given entries with fixed timestamps.</summary>
    public static byte[] ZipOf(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = SampleWriters.FixedTimestamp;
                using var s = entry.Open();
                s.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Zero-based column index to its spreadsheet letters (0 is A, 26 is AA).</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static string Sheet(XlsxSheet sheet)
    {
        var xml = new StringBuilder();
        xml.Append(XmlHeader).Append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var rowNumber = 1;
        for (; rowNumber < sheet.HeaderRow; rowNumber++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">");
            if (rowNumber == 1 && sheet.Title is not null)
            {
                AppendCell(xml, 0, rowNumber, sheet.Title, numeric: false);
            }

            xml.Append("</row>");
        }

        xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">");
        for (var c = 0; c < sheet.Headers.Count; c++)
        {
            AppendCell(xml, c, rowNumber, sheet.Headers[c], numeric: false);
        }

        xml.Append("</row>");
        foreach (var row in sheet.Rows)
        {
            rowNumber++;
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">");
            for (var c = 0; c < row.Length; c++)
            {
                if (!string.IsNullOrEmpty(row[c]))
                {
                    var numeric = sheet.Numeric[c] && double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                    AppendCell(xml, c, rowNumber, row[c]!, numeric);
                }
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static void AppendCell(StringBuilder sheet, int column, int row, string value, bool numeric)
    {
        var reference = ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
        if (numeric)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{value}</v></c>");
        }
        else
        {
            sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(value)}</t></is></c>");
        }
    }
}
