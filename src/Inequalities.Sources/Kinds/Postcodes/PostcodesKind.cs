using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// <c>postcodes</c>: a postcode directory (the ONS Postcode Directory, or OS Code-Point Open), parsed into a
/// <see cref="PostcodeDirectory"/>. Parsed after every other source (stage 1): the full ONSPD has about 2.7 million
/// rows, so only the postcodes the registers use are kept, and with no register it is not read at all. Several
/// directories may be listed (ONSPD, Code-Point Open, one file per postcode area): each is read, and the lake looks a
/// postcode up in them in catalogue order. Without an LSOA 2021 centroids source the point of every live postcode is
/// kept too (<see cref="PostcodeDirectory.LivePoints"/>), for the postcode-mean LSOA centres. Terminated
/// postcodes are kept with their termination date (ONS keeps their last LSOA, so assets at an old address can still
/// be placed). A postcode's point is its WGS84 latitude and longitude, or its British National Grid easting and
/// northing converted with <see cref="BritishNationalGrid"/>.
/// </summary>
internal sealed partial class PostcodesKind : ISourceKind
{
    public string Name => "postcodes";

    public FieldRules Fields { get; } = new(
        ["postcode"],
        ["lsoa11_code", "lsoa21_code", "msoa11_code", "msoa21_code", "lad_code", "latitude", "longitude", "easting", "northing", "introduced", "terminated"])
    {
        AtLeastOne = ("'lsoa11_code' or 'lsoa21_code', or a point ('longitude' and 'latitude', or 'easting' and 'northing')", static k => k is "lsoa11_code" or "lsoa21_code" or "longitude" or "easting"),
        Coordinates = CoordinateRule.Optional,
    };

    public int ParseStage => 1;

    public ParsedSource Parse(SourceDefinition source, string path, ParseContext context)
    {
        var registers = context.Earlier.OfType<AssetData>().ToList();
        if (registers.Count == 0)
        {
            return new UnusedSource { SourceId = source.Id, Reason = "the postcode directory places register rows; the catalogue has no register enabled" };
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var register in registers)
        {
            foreach (var postcode in register.Postcodes)
            {
                if (PostcodeParser.Normalise(postcode) is { } key)
                {
                    wanted.Add(key);
                }
            }
        }

        var keepPoints = !context.Earlier.OfType<CentroidData>().Any(c => c.Vintage == 2021);
        return Read(source, path, wanted, keepPoints);
    }

    /// <summary>
    /// Reads the directory, keeping only <paramref name="wanted"/> postcodes (normalised), or all when null, and, with
    /// <paramref name="keepPoints"/>, the point of every live postcode.
    /// </summary>
    public static PostcodeDirectory Read(SourceDefinition source, string path, IReadOnlySet<string>? wanted, bool keepPoints = false)
    {
        using var reader = SourceRecordReader.Open(source, path);
        var pc = reader.Slot("postcode");
        var l11 = reader.Slot("lsoa11_code");
        var l21 = reader.Slot("lsoa21_code");
        var lat = reader.Slot("latitude");
        var lon = reader.Slot("longitude");
        var east = reader.Slot("easting");
        var north = reader.Slot("northing");
        var term = reader.Slot("terminated");
        var lad = reader.Slot("lad_code");
        var live = keepPoints ? new LivePoints() : null;
        var entries = new Dictionary<string, PostcodeEntry>(StringComparer.Ordinal);
        var onGrid = new Dictionary<string, (double Easting, double Northing)>(StringComparer.Ordinal);
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = default;
        var spanLookup = wanted is HashSet<string> set && set.TryGetAlternateLookup(out lookup);
        Span<char> buffer = stackalloc char[16];
        while (reader.Read())
        {
            // Unwanted rows are passed over on the span: nothing is allocated for them.
            var text = reader.Span(pc);
            var length = PostcodeParser.Normalise(text, buffer);
            if (length == 0)
            {
                continue;
            }

            var normalised = buffer[..length];
            if (live is not null && (term < 0 || reader.Span(term).IsEmpty))
            {
                live.Add(reader, lat, lon, east, north, normalised);
            }

            string key;
            if (wanted is null)
            {
                key = normalised.ToString();
            }
            else if (spanLookup ? !lookup.TryGetValue(normalised, out key!) : !wanted.Contains(key = normalised.ToString()))
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
                text.ToString(),
                LsoaCode(reader, l11, "lsoa11_code"),
                LsoaCode(reader, l21, "lsoa21_code"),
                point,
                reader.Text(term))
            {
                LadCode = reader.Text(lad),
            };
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

        return new PostcodeDirectory { SourceId = source.Id, ColumnsUsed = reader.ColumnsUsed, Entries = entries, RowsRead = reader.Row, LivePoints = live?.Build() };
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

    /// <summary>The points of every live postcode, WGS84 as read and grid references converted all at once at the end.</summary>
    private sealed class LivePoints
    {
        private readonly ValueBuffer<double> _x = new(1 << 16);
        private readonly ValueBuffer<double> _y = new(1 << 16);
        private readonly ValueBuffer<double> _east = new(1 << 16);
        private readonly ValueBuffer<double> _north = new(1 << 16);

        public void Add(SourceRecordReader reader, int lat, int lon, int east, int north, ReadOnlySpan<char> postcode)
        {
            if (lat >= 0 && lon >= 0 && reader.Double(lat, "latitude") is { } y && reader.Double(lon, "longitude") is { } x && new GeoPoint(x, y).IsValid && y < 90)
            {
                _x.Add(x);
                _y.Add(y);
            }
            else if (east >= 0 && north >= 0 && !postcode.StartsWith("BT", StringComparison.Ordinal)
                && reader.Double(east, "easting") is { } e && reader.Double(north, "northing") is { } n && BritishNationalGrid.IsOnGrid(e, n) && (e, n) != (0, 0))
            {
                _east.Add(e);
                _north.Add(n);
            }
        }

        public GeoPoint[] Build()
        {
            var longitudes = _east.ToArray();
            var latitudes = _north.ToArray();
            BritishNationalGrid.ToWgs84(longitudes, latitudes, longitudes, latitudes);
            var x = _x.ToArray();
            var y = _y.ToArray();
            var points = new GeoPoint[x.Length + longitudes.Length];
            for (var i = 0; i < x.Length; i++)
            {
                points[i] = new GeoPoint(x[i], y[i]);
            }

            for (var i = 0; i < longitudes.Length; i++)
            {
                points[x.Length + i] = new GeoPoint(longitudes[i], latitudes[i]);
            }

            return points;
        }
    }
}
