using System.Globalization;
using Inequalities.Core.Geography;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Assets;

/// <summary>How an asset was placed in an LSOA.</summary>
internal static class Placement
{
    public const string Postcode = "postcode";
    public const string Coordinates = "coordinates";
    public const string LsoaCode = "lsoa_code";
    public const string Unplaced = "unplaced";
}

/// <summary>One register row with the LSOA 2021 it was placed in (or why it was not).</summary>
internal sealed record PlacedAsset(string SourceId, AssetRecord Record, string? Lsoa, string Placement, string? Note, GeoPoint? Point);

/// <summary>
/// Places register rows in LSOA 2021s: coordinates by point-in-polygon on the boundaries (the most exact), then the
/// postcode through the postcode directory (terminated postcodes keep their last LSOA), then an LSOA code the
/// register gives. What could not be placed is kept as <c>unplaced</c> with the reason.
/// </summary>
internal sealed class AssetPlacer
{
    private readonly PolygonIndex? _polygons;
    private readonly PostcodeDirectory? _postcodes;
    private readonly IReadOnlySet<string> _lsoa21;
    private readonly VintageBridge? _from2011;

    public AssetPlacer(PolygonIndex? polygons, PostcodeDirectory? postcodes, IReadOnlySet<string> lsoa21, VintageBridge? from2011)
    {
        _polygons = polygons;
        _postcodes = postcodes;
        _lsoa21 = lsoa21;
        _from2011 = from2011;
    }

    /// <summary>Unknown postcodes per source: count and the first few.</summary>
    public Dictionary<string, (int Count, List<string> Examples)> UnknownPostcodes { get; } = new(StringComparer.Ordinal);

    public PlacedAsset Place(string sourceId, AssetRecord record)
    {
        var notes = new List<string>();
        GeoPoint? point = record.Point;

        // 1. Coordinates.
        if (record.Point is { } p)
        {
            if (_polygons is null)
            {
                notes.Add("no LSOA 2021 boundaries in the catalogue to place its coordinates");
            }
            else
            {
                var hit = _polygons.Locate(p.Longitude, p.Latitude);
                if (hit >= 0)
                {
                    return new PlacedAsset(sourceId, record, _polygons[hit].Code, Placement.Coordinates, null, point);
                }

                notes.Add(string.Create(CultureInfo.InvariantCulture, $"coordinates ({p.Latitude:0.######}, {p.Longitude:0.######}) fall outside the LSOA 2021 boundaries"));
            }
        }

        // 2. Postcode.
        if (record.Postcode is { } postcode)
        {
            var key = PostcodeParser.Normalise(postcode);
            if (key is null)
            {
                notes.Add($"'{postcode}' is not a valid UK postcode");
            }
            else if (_postcodes is null)
            {
                notes.Add("no postcode directory in the catalogue to place its postcode");
            }
            else if (!_postcodes.Entries.TryGetValue(key, out var entry))
            {
                notes.Add($"postcode '{postcode}' is not in the postcode directory");
                if (!UnknownPostcodes.TryGetValue(sourceId, out var unknown))
                {
                    unknown = (0, []);
                }

                if (unknown.Examples.Count < 5)
                {
                    unknown.Examples.Add(postcode);
                }

                UnknownPostcodes[sourceId] = (unknown.Count + 1, unknown.Examples);
            }
            else
            {
                point ??= entry.Point;
                var terminated = entry.Terminated is { } t ? $"terminated postcode (ended {t}); placed in its last LSOA" : null;
                var lsoa = entry.Lsoa21 is { } l21 && _lsoa21.Contains(l21) ? l21 : null;
                if (lsoa is null && entry.Lsoa11 is { } l11 && Unique2021(l11) is { } converted)
                {
                    lsoa = converted;
                    terminated = Join(terminated, $"LSOA 2021 from its LSOA 2011 {l11}");
                }

                if (lsoa is null && entry.Point is { } pp && _polygons?.Locate(pp.Longitude, pp.Latitude) is >= 0 and var hit)
                {
                    lsoa = _polygons[hit].Code;
                    terminated = Join(terminated, "LSOA 2021 from the postcode's coordinates");
                }

                if (lsoa is not null)
                {
                    return new PlacedAsset(sourceId, record, lsoa, Placement.Postcode, terminated, point);
                }

                notes.Add($"postcode '{postcode}' has no LSOA 2021 this geography knows");
            }
        }

        // 3. An LSOA code the register gives.
        if (record.LsoaCode is { } code)
        {
            if (_lsoa21.Contains(code))
            {
                return new PlacedAsset(sourceId, record, code, Placement.LsoaCode, null, point);
            }

            if (Unique2021(code) is { } converted)
            {
                return new PlacedAsset(sourceId, record, converted, Placement.LsoaCode, $"LSOA 2011 {code} converted to its LSOA 2021", point);
            }

            notes.Add($"LSOA code {code} is not an LSOA 2021 (or an LSOA 2011 with one 2021 successor) of this geography");
        }

        return new PlacedAsset(sourceId, record, null, Placement.Unplaced, string.Join("; ", notes), point);
    }

    private readonly Dictionary<string, string?> _unique = new(StringComparer.Ordinal);

    private string? Unique2021(string lsoa11)
    {
        if (_from2011 is null || !_from2011.IsSource(lsoa11))
        {
            return null;
        }

        if (_unique.TryGetValue(lsoa11, out var cached))
        {
            return cached;
        }

        var found = FindUnique2021(lsoa11);
        _unique[lsoa11] = found;
        return found;
    }

    private string? FindUnique2021(string lsoa11)
    {

        var probe = new Dictionary<string, double>(StringComparer.Ordinal) { [lsoa11] = 1 };
        var shares = _from2011!.Convert(probe, ValueKind.Count);
        string? target = null;
        for (var i = 0; i < shares.Length; i++)
        {
            if (!double.IsNaN(shares[i]) && shares[i] > 0)
            {
                if (target is not null || Math.Abs(shares[i] - 1) > 1e-9)
                {
                    return null;
                }

                target = _from2011.Targets[i];
            }
        }

        return target is not null && _lsoa21.Contains(target) ? target : null;
    }

    private static string Join(string? a, string b) => a is null ? b : $"{a}; {b}";
}
