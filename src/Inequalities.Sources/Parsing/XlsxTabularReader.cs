using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// A streaming reader for one worksheet of an Office Open XML workbook: resolves the sheet by name through the
/// workbook and its relationships, reads shared and inline strings, and fills gaps left by empty cells. The first
/// non-empty row is the header. Numbers are returned as the workbook stores them (invariant culture).
/// </summary>
internal sealed class XlsxTabularReader : TabularReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly ZipArchive _archive;
    private readonly Stream _sheetStream;
    private readonly XmlReader _xml;
    private readonly string[] _sharedStrings;
    private readonly string _sourceId;
    private string[] _headers = [];
    private string[] _row = [];
    private int _rowCount;
    private int _sheetRow;

    private XlsxTabularReader(string sourceId, ZipArchive archive, Stream sheetStream, string[] sharedStrings)
    {
        _sourceId = sourceId;
        _archive = archive;
        _sheetStream = sheetStream;
        _sharedStrings = sharedStrings;
        _xml = XmlReader.Create(sheetStream, new XmlReaderSettings { IgnoreWhitespace = false, DtdProcessing = DtdProcessing.Prohibit });
    }

    public override IReadOnlyList<string> Headers => _headers;

    public static XlsxTabularReader Open(string sourceId, Stream stream, string sheetName, int skipRows = 0)
    {
        var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        try
        {
            var sheetPath = FindSheet(sourceId, archive, sheetName);
            var shared = ReadSharedStrings(archive);
            var entry = archive.GetEntry(sheetPath) ?? throw new SourceDataException(sourceId, null, null, $"the workbook lists sheet '{sheetName}' at '{sheetPath}', which is missing");
            var reader = new XlsxTabularReader(sourceId, archive, entry.Open(), shared);
            // The header is the first non-empty row at or after sheet row header_row (the rows' own numbers, so blank
            // title rows count as the workbook shows them).
            string[] cells;
            bool found;
            while ((found = reader.NextRow(out cells)) && reader._sheetRow <= skipRows)
            {
            }

            if (!found)
            {
                reader.Dispose();
                throw new SourceDataException(sourceId, null, null, $"sheet '{sheetName}' is empty; expected a header row");
            }

            reader._headers = cells.Select(c => CleanHeader(c)).ToArray();
            return reader;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public override bool Read()
    {
        if (!NextRow(out var cells))
        {
            return false;
        }

        _row = cells;
        Row++;
        return true;
    }

    public override ReadOnlySpan<char> Field(int index) => (uint)index < (uint)_row.Length ? _row[index].AsSpan() : default;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _xml.Dispose();
            _sheetStream.Dispose();
            _archive.Dispose();
        }
    }

    private bool NextRow(out string[] cells)
    {
        while (_xml.Read())
        {
            if (_xml.NodeType != XmlNodeType.Element || _xml.LocalName != "row" || _xml.NamespaceURI != MainNs)
            {
                continue;
            }

            _rowCount++;
            _sheetRow = int.TryParse(_xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : _sheetRow + 1;
            var values = new List<string>(_headers.Length > 0 ? _headers.Length : 16);
            if (_xml.IsEmptyElement)
            {
                continue;
            }

            var depth = _xml.Depth;
            while (_xml.Read() && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
            {
                if (_xml.NodeType == XmlNodeType.Element && _xml.LocalName == "c")
                {
                    var reference = _xml.GetAttribute("r");
                    var type = _xml.GetAttribute("t");
                    var column = reference is null ? values.Count : ColumnIndex(reference);
                    var value = ReadCell(type);
                    while (values.Count < column)
                    {
                        values.Add(string.Empty);
                    }

                    if (values.Count == column)
                    {
                        values.Add(value);
                    }
                }
            }

            if (values.Count == 0 || values.TrueForAll(string.IsNullOrEmpty))
            {
                continue;
            }

            cells = [.. values];
            return true;
        }

        cells = [];
        return false;
    }

    private string ReadCell(string? type)
    {
        if (_xml.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = _xml.Depth;
        string? raw = null;
        var inline = new System.Text.StringBuilder();
        while (_xml.Read() && !(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (_xml.LocalName == "v")
            {
                raw = _xml.ReadElementContentAsString();
                if (_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth)
                {
                    break;
                }
            }
            else if (_xml.LocalName == "t")
            {
                inline.Append(_xml.ReadElementContentAsString());
                if (_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth)
                {
                    break;
                }
            }
        }

        return type switch
        {
            "s" when raw is not null && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Length => _sharedStrings[i],
            "s" => throw new SourceDataException(_sourceId, _rowCount, null, $"a cell refers to shared string '{raw}', which the workbook does not have"),
            "inlineStr" => inline.ToString(),
            "b" => raw == "1" ? "TRUE" : "FALSE",
            _ => raw ?? inline.ToString(),
        };
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    private static string FindSheet(string sourceId, ZipArchive archive, string sheetName)
    {
        var workbook = archive.GetEntry("xl/workbook.xml") ?? throw new SourceDataException(sourceId, null, null, "the file is not an xlsx workbook (no xl/workbook.xml)");
        string? relationId = null;
        var names = new List<string>();
        using (var xml = XmlReader.Create(workbook.Open()))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
                {
                    var name = xml.GetAttribute("name") ?? string.Empty;
                    names.Add(name);
                    if (string.Equals(name.Trim(), sheetName.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        relationId = xml.GetAttribute("id", RelNs);
                    }
                }
            }
        }

        if (relationId is null)
        {
            throw new SourceDataException(sourceId, null, null, $"the workbook has no sheet '{sheetName}' (sheets: {string.Join(", ", names)})");
        }

        var rels = archive.GetEntry("xl/_rels/workbook.xml.rels") ?? throw new SourceDataException(sourceId, null, null, "the workbook has no relationships part");
        using (var xml = XmlReader.Create(rels.Open()))
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") == relationId)
                {
                    var target = xml.GetAttribute("Target") ?? string.Empty;
                    return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }

        throw new SourceDataException(sourceId, null, null, $"the workbook's relationships do not locate sheet '{sheetName}'");
    }

    private static string[] ReadSharedStrings(ZipArchive archive)
    {
        var entry = archive.GetEntry("xl/sharedStrings.xml");
        if (entry is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var xml = XmlReader.Create(entry.Open());
        var current = new System.Text.StringBuilder();
        var inSi = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                inSi = true;
                current.Clear();
                if (xml.IsEmptyElement)
                {
                    strings.Add(string.Empty);
                    inSi = false;
                }
            }
            else if (inSi && xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                current.Append(xml.ReadElementContentAsString());
                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si")
                {
                    strings.Add(current.ToString());
                    inSi = false;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si")
            {
                strings.Add(current.ToString());
                inSi = false;
            }
        }

        return [.. strings];
    }
}
