using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Sample;

/// <summary>Writes a <see cref="SampleTable"/> in each published format, byte for byte the same on every run.</summary>
internal static class SampleWriters
{
    /// <summary>The timestamp given to every zip entry, so archives do not depend on the clock.</summary>
    public static readonly DateTimeOffset FixedTimestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public static byte[] Write(SourceDefinition source, SampleTable table) => Write(source, table, source.Format);

    private static byte[] Write(SourceDefinition source, SampleTable table, SourceFormat format) => format switch
    {
        SourceFormat.Csv => Csv(source, table),
        SourceFormat.CsvGz => Gzip(Csv(source, table)),
        SourceFormat.Xlsx => Xlsx(source, table),
        SourceFormat.Json => Json(table),
        SourceFormat.GeoJson or SourceFormat.ArcGis => GeoJson(table),
        SourceFormat.Zip => Zip(ZipMembers.Example(source.Member!, "sample"), Write(source, table, source.MemberFormat ?? SourceFormat.Csv)),
        _ => throw new NotSupportedException($"Source '{source.Id}': the sample mirror cannot write format '{format}'."),
    };

    public static byte[] Csv(SourceDefinition source, SampleTable table)
    {
        if (!source.Options.Header)
        {
            table = Headerless(source, table);
        }

        var bom = source.Options.Bom;
        var thousands = source.Options.ThousandsSeparator;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(text, CsvHelper.CsvWriterOptions.Default with { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
        {
            if (source.Options.Header)
            {
                foreach (var column in table.Columns)
                {
                    csv.WriteField(column.Header);
                }

                csv.EndRecord();
            }

            foreach (var row in table.Rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    var value = row[i] ?? string.Empty;
                    if (thousands is { Length: > 0 } && UsesThousands(table.Columns[i].Canonical) &&
                        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1000)
                    {
                        value = n.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", thousands, StringComparison.Ordinal);
                    }

                    csv.WriteField(value);
                }

                csv.EndRecord();
            }
        }

        var body = Utf8NoBom.GetBytes(text.ToString());
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }

    /// <summary>
    /// A file without a header row (OS Code-Point Open): every column in its place, named by <c>column_names</c> or
    /// numbered from 1, the unmapped ones empty.
    /// </summary>
    private static SampleTable Headerless(SourceDefinition source, SampleTable table)
    {
        var names = source.Options.ColumnNames
            ?? [.. Enumerable.Range(1, table.Columns.Max(c => int.TryParse(c.Header, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var at = names.Select(n => table.Columns.ToList().FindIndex(c => c.Header == n)).ToArray();
        var full = new SampleTable([.. names.Select((n, i) => (at[i] >= 0 ? table.Columns[at[i]].Canonical : string.Empty, n))]);
        foreach (var row in table.Rows)
        {
            full.Rows.Add([.. at.Select(i => i >= 0 ? row[i] : null)]);
            full.Geometries.Add(null);
        }

        return full;
    }

    private static bool UsesThousands(string canonical) =>
        canonical.EndsWith(".rank", StringComparison.Ordinal) || canonical.StartsWith("population", StringComparison.Ordinal);

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(content);
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(string member, byte[] content) => ZipOf([(member, content)]);

    private static byte[] ZipOf(IEnumerable<(string Name, byte[] Content)> entries) => XlsxWorkbook.ZipOf(entries);

    public static byte[] Json(SampleTable table)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartArray();
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                WriteProperties(json, table, row);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    public static byte[] GeoJson(SampleTable table)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            for (var r = 0; r < table.Rows.Count; r++)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                WriteProperties(json, table, table.Rows[r]);
                json.WriteEndObject();
                json.WritePropertyName("geometry");
                if (table.Geometries[r] is not { } g)
                {
                    json.WriteNullValue();
                }
                else if (g.IsPoint)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "Point");
                    json.WriteStartArray("coordinates");
                    json.WriteNumberValue(Math.Round(g.West, 6));
                    json.WriteNumberValue(Math.Round(g.South, 6));
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteString("type", "Polygon");
                    json.WriteStartArray("coordinates");
                    json.WriteStartArray();
                    foreach (var (x, y) in new[] { (g.West, g.South), (g.East, g.South), (g.East, g.North), (g.West, g.North), (g.West, g.South) })
                    {
                        json.WriteStartArray();
                        json.WriteNumberValue(Math.Round(x, 6));
                        json.WriteNumberValue(Math.Round(y, 6));
                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteProperties(Utf8JsonWriter json, SampleTable table, string?[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var (canonical, header) = table.Columns[i];
            var value = row[i];
            if (header is GeoJsonPoint.X or GeoJsonPoint.Y)
            {
                // A point's coordinates are its geometry, not properties.
                continue;
            }

            if (string.IsNullOrEmpty(value))
            {
                json.WriteNull(header);
            }
            else if (IsNumeric(canonical) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                json.WriteNumber(header, number);
            }
            else
            {
                json.WriteString(header, value);
            }
        }
    }

    private static bool IsNumeric(string canonical) =>
        canonical is "latitude" or "longitude" or "value" or "count" or "denominator" or "asset_id" or "linked_id" ||
        canonical.StartsWith("value.", StringComparison.Ordinal) || canonical.StartsWith("population", StringComparison.Ordinal) ||
        canonical.EndsWith(".rank", StringComparison.Ordinal) || canonical.EndsWith(".score", StringComparison.Ordinal) ||
        canonical.EndsWith(".decile", StringComparison.Ordinal);

    /// <summary>
    /// A one-sheet workbook named after the source's sheet. When the source sets <c>header_row</c>, title rows come first
    /// so the header sits where the publisher puts it.
    /// </summary>
    public static byte[] Xlsx(SourceDefinition source, SampleTable table)
    {
        var headerRow = source.Options.HeaderRow;
        return XlsxWorkbook.Write(
        [
            new XlsxSheet(
                source.Sheet ?? "Sheet1",
                $"Synthetic sample of {source.Id} (not real data)",
                headerRow,
                table.Columns.Select(c => c.Header).ToList(),
                table.Rows,
                table.Columns.Select(c => IsNumeric(c.Canonical)).ToList()),
        ]);
    }

    /// <summary>Zero-based column index to its spreadsheet letters (0 is A, 26 is AA).</summary>
    public static string ColumnName(int index) => XlsxWorkbook.ColumnName(index);
}
