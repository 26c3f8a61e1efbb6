using System.Text.RegularExpressions;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// Reads a postcode directory (a postcodes-kind source: the ONS Postcode Directory, or OS Code-Point Open). The full
/// ONSPD has about 2.7 million rows, so only the postcodes asked for are kept; terminated postcodes are kept with
/// their termination date (ONS keeps their last LSOA, so assets at an old address can still be placed). A postcode's
/// point is its WGS84 latitude and longitude, or its British National Grid easting and northing converted with
/// <see cref="BritishNationalGrid"/>.
/// </summary>
public static partial class PostcodeParser
{
    /// <summary>
    /// The postcode in upper case without spaces (<c>l1 0aa</c> and <c>L10AA</c> give <c>L10AA</c>), or null when it
    /// does not have the shape of a UK postcode (outward code of 2 to 4 characters, inward code digit-letter-letter).
    /// </summary>
    /// <param name="postcode">The postcode as written.</param>
    public static string? Normalise(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[16];
        var n = 0;
        foreach (var ch in postcode)
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return null;
            }

            buffer[n++] = char.ToUpperInvariant(ch);
        }

        var text = new string(buffer[..n]);
        return Shape().IsMatch(text) ? text : null;
    }

    /// <summary>Parses the directory, keeping only <paramref name="wanted"/> postcodes (normalised), or all when null.</summary>
    /// <param name="source">The catalogue entry (kind postcodes).</param>
    /// <param name="path">The local copy.</param>
    /// <param name="wanted">Normalised postcodes to keep; null keeps every row.</param>
    public static PostcodeDirectory Parse(SourceDefinition source, string path, IReadOnlySet<string>? wanted)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Kind != SourceKind.Postcodes)
        {
            throw new ArgumentException($"Source '{source.Id}' is of kind {source.Kind}, not postcodes.", nameof(source));
        }

        using var reader = SourceRecordReader.Open(source, path);
        var pc = reader.Slot("postcode");
        var l11 = reader.Slot("lsoa11_code");
        var l21 = reader.Slot("lsoa21_code");
        var lat = reader.Slot("latitude");
        var lon = reader.Slot("longitude");
        var east = reader.Slot("easting");
        var north = reader.Slot("northing");
        var term = reader.Slot("terminated");
        var entries = new Dictionary<string, PostcodeEntry>(StringComparer.Ordinal);
        var onGrid = new Dictionary<string, (double Easting, double Northing)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var text = reader.Text(pc);
            var key = Normalise(text);
            if (key is null || (wanted is not null && !wanted.Contains(key)))
            {
                continue;
            }

            GeoPoint? point = null;
            if (lat >= 0 && lon >= 0 && reader.Double(lat, "latitude") is { } y && reader.Double(lon, "longitude") is { } x)
            {
                // ONSPD writes 99.999999 / 0.000000 for postcodes without a grid reference.
                var p = new GeoPoint(x, y);
                point = p.IsValid && y < 90 ? p : null;
            }

            // Grid references are converted below, all at once (the last row of a postcode wins, as for the entry).
            // Northern Ireland's postcodes (BT) are on the Irish Grid in ONSPD's grid columns, so they get no point
            // from them; empty or off-grid references give none either, nor 0, 0 (Code-Point's "no coordinates",
            // positional quality 90).
            onGrid.Remove(key);
            if (point is null && east >= 0 && north >= 0 && !key.StartsWith("BT", StringComparison.Ordinal)
                && reader.Double(east, "easting") is { } e && reader.Double(north, "northing") is { } n
                && BritishNationalGrid.IsOnGrid(e, n) && (e, n) != (0, 0))
            {
                onGrid[key] = (e, n);
            }

            entries[key] = new PostcodeEntry(
                text!,
                LsoaCode(reader, l11, "lsoa11_code"),
                LsoaCode(reader, l21, "lsoa21_code"),
                point,
                reader.Text(term));
        }

        if (reader.Row == 0)
        {
            throw new SourceDataException(source.Id, null, null, "the file has a header but no data rows");
        }

        if (onGrid.Count > 0)
        {
            var keys = onGrid.Keys.ToArray();
            var longitudes = onGrid.Values.Select(g => g.Easting).ToArray();
            var latitudes = onGrid.Values.Select(g => g.Northing).ToArray();
            BritishNationalGrid.ToWgs84(longitudes, latitudes, longitudes, latitudes);
            for (var i = 0; i < keys.Length; i++)
            {
                entries[keys[i]] = entries[keys[i]] with { Point = new GeoPoint(longitudes[i], latitudes[i]) };
            }
        }

        return new PostcodeDirectory { SourceId = source.Id, ColumnsUsed = reader.ColumnsUsed, Entries = entries, RowsRead = reader.Row };
    }

    private static string? LsoaCode(SourceRecordReader reader, int slot, string canonical)
    {
        if (slot < 0)
        {
            return null;
        }

        var span = reader.Span(slot);

        // ONSPD leaves Scottish and Northern Irish data zones in the same column; only GSS LSOA codes are used here.
        return span.Length == 9 && span[0] is 'E' or 'W' && span[1..3].SequenceEqual("01") ? reader.Code(slot, canonical) : null;
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")]
    private static partial Regex Shape();
}
