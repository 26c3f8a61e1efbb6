using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Tests.Sample;

/// <summary>Reads the header names of a source file (test-side, independent of the production parsers).</summary>
internal static class HeaderReader
{
    public static IReadOnlyList<string> Read(SourceDefinition source, string path)
    {
        using var stream = File.OpenRead(path);
        return Read(source.Format, source, stream);
    }

    private static IReadOnlyList<string> Read(SourceFormat format, SourceDefinition source, Stream stream)
    {
        switch (format)
        {
            case SourceFormat.Csv:
                return Named(source, SplitCsvRecord(FirstRecord(stream)));
            case SourceFormat.CsvGz:
                using (var gz = new GZipStream(stream, CompressionMode.Decompress))
                {
                    return Named(source, SplitCsvRecord(FirstRecord(gz)));
                }

            case SourceFormat.GeoJson or SourceFormat.ArcGis:
                using (var doc = JsonDocument.Parse(stream))
                {
                    var feature = doc.RootElement.GetProperty("features")[0];
                    var names = feature.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

                    // A point's coordinates read as two columns (the ONS population-weighted centroids' layer has no coordinate attributes).
                    return feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object && geometry.GetProperty("type").GetString() == "Point"
                        ? [.. names, "geometry.x", "geometry.y"]
                        : names;
                }

            case SourceFormat.Json:
                using (var doc = JsonDocument.Parse(stream))
                {
                    var first = doc.RootElement.ValueKind == JsonValueKind.Array
                        ? doc.RootElement[0]
                        : doc.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value[0];
                    return first.EnumerateObject().Select(p => p.Name).ToList();
                }

            case SourceFormat.Xlsx:
                return XlsxHeader(stream, source.Sheet!, HeaderRow(source));
            case SourceFormat.Zip:
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Read))
                {
                    var member = MonthTemplate.Resolve(source.Member!, MonthTemplate.MonthOf(TimeProvider.System));
                    var entry = ZipMembers.Matching(zip, member).FirstOrDefault() ?? throw new InvalidDataException($"{source.Id}: zip member '{member}' is missing.");
                    using var inner = entry.Open();
                    using var buffer = new MemoryStream();
                    inner.CopyTo(buffer);
                    buffer.Position = 0;
                    return Read(source.MemberFormat!.Value, source, buffer);
                }

            default:
                throw new NotSupportedException(format.ToString());
        }
    }

    /// <summary>
    /// The headers of a CSV from its first record: the record itself, or, for a file without a header row (the
    /// <c>header: "false"</c> option), the <c>column_names</c> (which must be as many as its fields) or the fields'
    /// 1-based numbers.
    /// </summary>
    private static IReadOnlyList<string> Named(SourceDefinition source, IReadOnlyList<string> first)
    {
        if (source.Options.Header)
        {
            return first;
        }

        if (source.Options.ColumnNames is { } names)
        {
            return names.Count == first.Count ? names : throw new InvalidDataException($"{source.Id}: the first record has {first.Count} fields; column_names names {names.Count}.");
        }

        return [.. Enumerable.Range(1, first.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>Reads every record of a source file as header to value (CSV, CSV.gz, xlsx, zip, json, geojson).</summary>
    public static List<Dictionary<string, string>> ReadRows(SourceDefinition source, string path)
    {
        using var stream = File.OpenRead(path);
        return ReadRows(source.Format, source, stream);
    }

    private static List<Dictionary<string, string>> ReadRows(SourceFormat format, SourceDefinition source, Stream stream)
    {
        switch (format)
        {
            case SourceFormat.Csv:
            case SourceFormat.CsvGz:
                Stream input = format == SourceFormat.CsvGz ? new GZipStream(stream, CompressionMode.Decompress) : stream;
                using (var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
                {
                    var records = SplitRecords(reader.ReadToEnd());
                    var header = Named(source, SplitCsvRecord(records[0]));
                    return records.Skip(source.Options.Header ? 1 : 0).Where(r => r.Length > 0).Select(r => Zip(header, SplitCsvRecord(r))).ToList();
                }

            case SourceFormat.Xlsx:
                {
                    var rows = XlsxRows(stream, source.Sheet!);
                    var header = rows[HeaderRow(source) - 1];
                    return rows.Skip(HeaderRow(source)).Select(r => Zip(header, r)).ToList();
                }

            case SourceFormat.Json:
            case SourceFormat.GeoJson or SourceFormat.ArcGis:
                using (var doc = JsonDocument.Parse(stream))
                {
                    var items = format == SourceFormat.Json
                        ? doc.RootElement.EnumerateArray().ToList()
                        : doc.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
                    return items.Select(o => o.EnumerateObject().ToDictionary(
                        p => p.Name,
                        p => p.Value.ValueKind switch
                        {
                            JsonValueKind.Null => string.Empty,
                            JsonValueKind.String => p.Value.GetString()!,
                            _ => p.Value.GetRawText(),
                        },
                        StringComparer.Ordinal)).ToList();
                }

            case SourceFormat.Zip:
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Read))
                {
                    using var inner = ZipMembers.Matching(zip, MonthTemplate.Resolve(source.Member!, MonthTemplate.MonthOf(TimeProvider.System)))[0].Open();
                    using var buffer = new MemoryStream();
                    inner.CopyTo(buffer);
                    buffer.Position = 0;
                    return ReadRows(source.MemberFormat!.Value, source, buffer);
                }

            default:
                throw new NotSupportedException(format.ToString());
        }
    }

    private static Dictionary<string, string> Zip(IReadOnlyList<string> header, IReadOnlyList<string> values)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            row[header[i]] = i < values.Count ? values[i] : string.Empty;
        }

        return row;
    }

    private static List<string> SplitRecords(string text)
    {
        var records = new List<string>();
        var sb = new StringBuilder();
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }

            if ((c == '\n' || c == '\r') && !inQuotes)
            {
                if (sb.Length > 0)
                {
                    records.Add(sb.ToString());
                    sb.Clear();
                }

                continue;
            }

            sb.Append(c);
        }

        if (sb.Length > 0)
        {
            records.Add(sb.ToString());
        }

        return records;
    }

    public static int HeaderRow(SourceDefinition source) => source.Options.HeaderRow;

    /// <summary>Reads the first CSV record (which may span lines inside quotes), without the UTF-8 BOM.</summary>
    public static string FirstRecord(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var sb = new StringBuilder();
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if ((c == '\n' || c == '\r') && !inQuotes)
            {
                break;
            }

            sb.Append((char)c);
        }

        return sb.ToString();
    }

    public static List<string> SplitCsvRecord(string record)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }

    /// <summary>Reads the cells of one row of a named worksheet (shared or inline strings, or numbers).</summary>
    public static IReadOnlyList<string> XlsxHeader(Stream stream, string sheet, int row)
    {
        var rows = XlsxRows(stream, sheet);
        return rows.Count >= row ? rows[row - 1] : [];
    }

    public static List<List<string>> XlsxRows(Stream stream, string sheet)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        System.Xml.Linq.XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        System.Xml.Linq.XNamespace rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        System.Xml.Linq.XNamespace pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
        var workbook = Load(zip, "xl/workbook.xml");
        var sheetNode = workbook.Descendants(main + "sheet").FirstOrDefault(s => (string?)s.Attribute("name") == sheet)
            ?? throw new InvalidDataException($"The workbook has no sheet '{sheet}'.");
        var rid = (string)sheetNode.Attribute(rel + "id")!;
        var rels = Load(zip, "xl/_rels/workbook.xml.rels");
        var target = (string)rels.Descendants(pkg + "Relationship").First(r => (string?)r.Attribute("Id") == rid).Attribute("Target")!;
        var shared = zip.GetEntry("xl/sharedStrings.xml") is null
            ? []
            : Load(zip, "xl/sharedStrings.xml").Descendants(main + "si").Select(si => string.Concat(si.Descendants(main + "t").Select(t => t.Value))).ToList();
        var sheetXml = Load(zip, "xl/" + target.TrimStart('/').Replace("xl/", string.Empty, StringComparison.Ordinal));
        var result = new List<List<string>>();
        foreach (var r in sheetXml.Descendants(main + "row"))
        {
            var cells = new List<string>();
            foreach (var cell in r.Elements(main + "c"))
            {
                var type = (string?)cell.Attribute("t");
                var text = type switch
                {
                    "s" => shared[int.Parse(cell.Element(main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                    "inlineStr" => string.Concat(cell.Descendants(main + "t").Select(t => t.Value)),
                    _ => cell.Element(main + "v")?.Value ?? string.Empty,
                };
                cells.Add(text);
            }

            result.Add(cells);
        }

        return result;
    }

    private static System.Xml.Linq.XDocument Load(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The workbook has no part '{name}'.");
        using var s = entry.Open();
        return System.Xml.Linq.XDocument.Load(s);
    }
}
