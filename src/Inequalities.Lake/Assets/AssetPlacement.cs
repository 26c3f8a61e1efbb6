using System.Globalization;
using Inequalities.Core.Geography;
using Inequalities.Core.Spatial;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Assets;

/// <summary>How an asset was placed in an LSOA (<c>assets.placement</c>).</summary>
public static class AssetPlacements
{
    /// <summary><c>coordinates</c>: the register's own point lies inside the LSOA's outline.</summary>
    public const string Coordinates = "coordinates";

    /// <summary><c>postcode</c>: the postcode directory gives the postcode's LSOA (ONSPD's <c>lsoa21cd</c>, or its 2011 LSOA's one 2021 successor).</summary>
    public const string Postcode = "postcode";

    /// <summary><c>postcode_point</c>: the postcode directory's point of the postcode lies inside the LSOA's outline (Code-Point Open has no LSOA column).</summary>
    public const string PostcodePoint = "postcode_point";

    /// <summary><c>lsoa_code</c>: the register gives the LSOA.</summary>
    public const string LsoaCode = "lsoa_code";

    /// <summary><c>unplaced</c>: none of these worked; <c>placement_note</c> says why.</summary>
    public const string Unplaced = "unplaced";
}

/// <summary>Why a register row is not counted (<c>asset_rejects.reason</c>, <c>assets.reject_reason</c>).</summary>
public static class AssetRejectReasons
{
    /// <summary><c>dissolved</c>: the register marks it dissolved, dead, removed or closed, or gives a removal date.</summary>
    public const string Dissolved = "dissolved";

    /// <summary><c>not_in_latest_edition</c>: an older edition of a register lists it and the current edition does not.</summary>
    public const string NotInLatestEdition = "not_in_latest_edition";

    /// <summary><c>no_postcode</c>: no postcode, coordinates or LSOA code to place it with.</summary>
    public const string NoPostcode = "no_postcode";

    /// <summary><c>unknown_postcode</c>: its postcode is not a valid UK postcode or is in none of the postcode directories.</summary>
    public const string UnknownPostcode = "unknown_postcode";

    /// <summary><c>outside_boundaries</c>: its point (or its postcode's) lies outside the LSOA 2021 boundaries, or its postcode's LSOA is not one of them.</summary>
    public const string OutsideBoundaries = "outside_boundaries";

    /// <summary><c>invalid_row</c>: the register row could not be read (no name, a coordinate that is not a number, ...).</summary>
    public const string InvalidRow = "invalid_row";
}

/// <summary>One register row with the LSOA 2021 it was placed in, or why it was not.</summary>
/// <param name="Row">The register row.</param>
/// <param name="Lsoa">The LSOA 2021, or null.</param>
/// <param name="Placement">How it was placed (<see cref="AssetPlacements"/>).</param>
/// <param name="Note">Details, or why it failed.</param>
/// <param name="Point">The point used (the register's or its postcode's), or null.</param>
/// <param name="PointSource">Where the point came from: <c>register</c> or the postcode directory's source id.</param>
/// <param name="Failure">Why it could not be placed (<see cref="AssetRejectReasons"/>), or null when placed.</param>
internal sealed record PlacedAsset(RegisterRow Row, string? Lsoa, string Placement, string? Note, GeoPoint? Point, string? PointSource, string? Failure)
{
    public string SourceId => Row.SourceId;

    public AssetRecord Record => Row.Record;
}

/// <summary>
/// Places register rows in LSOA 2021s: the register's coordinates by point-in-polygon on the boundaries; else the
/// postcode through the postcode directories in catalogue order (the directory's LSOA where it gives one, terminated
/// postcodes keeping their last; else the directory's point of the postcode, point-in-polygon); else an LSOA code the
/// register gives. What could not be placed is kept as <c>unplaced</c> with the reason.
/// </summary>
internal sealed class AssetPlacer
{
    private readonly PolygonIndex? _polygons;
    private readonly IReadOnlyList<PostcodeDirectory> _postcodes;
    private readonly IReadOnlySet<string> _lsoa21;
    private readonly VintageBridge? _from2011;
    private readonly Dictionary<string, string?> _unique = new(StringComparer.Ordinal);

    public AssetPlacer(PolygonIndex? polygons, IReadOnlyList<PostcodeDirectory> postcodes, IReadOnlySet<string> lsoa21, VintageBridge? from2011)
    {
        _polygons = polygons;
        _postcodes = postcodes;
        _lsoa21 = lsoa21;
        _from2011 = from2011;
    }

    /// <summary>Unknown postcodes per source: count and the first few.</summary>
    public Dictionary<string, (int Count, List<string> Examples)> UnknownPostcodes { get; } = new(StringComparer.Ordinal);

    public PlacedAsset Place(RegisterRow row)
    {
        var record = row.Record;
        var notes = new List<string>();
        var failure = AssetRejectReasons.NoPostcode;
        GeoPoint? point = record.Point;
        var pointSource = point is null ? null : "register";

        // 1. The register's coordinates.
        if (record.Point is { } p)
        {
            if (Locate(p) is { } hit)
            {
                return new PlacedAsset(row, hit, AssetPlacements.Coordinates, null, point, pointSource, null);
            }

            notes.Add(_polygons is null
                ? "no LSOA 2021 boundaries in the catalogue to place its coordinates"
                : string.Create(CultureInfo.InvariantCulture, $"coordinates ({p.Latitude:0.######}, {p.Longitude:0.######}) fall outside the LSOA 2021 boundaries"));
            failure = AssetRejectReasons.OutsideBoundaries;
        }

        // 2. The postcode, through the directories.
        if (record.Postcode is { } postcode)
        {
            var placed = PlaceByPostcode(row, postcode, notes, ref failure, ref point, ref pointSource);
            if (placed is not null)
            {
                return placed;
            }
        }

        // 3. An LSOA code the register gives.
        if (record.LsoaCode is { } code)
        {
            if (_lsoa21.Contains(code))
            {
                return new PlacedAsset(row, code, AssetPlacements.LsoaCode, null, point, pointSource, null);
            }

            if (Unique2021(code) is { } converted)
            {
                return new PlacedAsset(row, converted, AssetPlacements.LsoaCode, $"LSOA 2011 {code} converted to its LSOA 2021", point, pointSource, null);
            }

            notes.Add($"LSOA code {code} is not an LSOA 2021 (or an LSOA 2011 with one 2021 successor) of this geography");
            failure = AssetRejectReasons.OutsideBoundaries;
        }

        if (notes.Count == 0)
        {
            notes.Add("no postcode, coordinates or LSOA code to place it with");
        }

        return new PlacedAsset(row, null, AssetPlacements.Unplaced, string.Join("; ", notes), point, pointSource, failure);
    }

    private PlacedAsset? PlaceByPostcode(RegisterRow row, string postcode, List<string> notes, ref string failure, ref GeoPoint? point, ref string? pointSource)
    {
        var key = PostcodeParser.Normalise(postcode);
        if (key is null)
        {
            notes.Add($"'{postcode}' is not a valid UK postcode");
            failure = failure == AssetRejectReasons.OutsideBoundaries ? failure : AssetRejectReasons.UnknownPostcode;
            return null;
        }

        if (_postcodes.Count == 0)
        {
            notes.Add("no postcode directory in the catalogue to place its postcode");
            failure = failure == AssetRejectReasons.OutsideBoundaries ? failure : AssetRejectReasons.UnknownPostcode;
            return null;
        }

        var found = _postcodes.Select(d => (Directory: d, Entry: d.Entries.GetValueOrDefault(key))).FirstOrDefault(x => x.Entry is not null);
        if (found.Entry is not { } entry)
        {
            notes.Add($"postcode '{postcode}' is not in the postcode directory");
            failure = failure == AssetRejectReasons.OutsideBoundaries ? failure : AssetRejectReasons.UnknownPostcode;
            CountUnknown(row.SourceId, postcode);
            return null;
        }

        if (point is null && entry.Point is { } entryPoint)
        {
            point = entryPoint;
            pointSource = found.Directory.SourceId;
        }

        var note = entry.Terminated is { } t ? $"terminated postcode (ended {t}); placed in its last LSOA" : null;
        var lsoa = entry.Lsoa21 is { } l21 && _lsoa21.Contains(l21) ? l21 : null;
        if (lsoa is null && entry.Lsoa11 is { } l11 && Unique2021(l11) is { } converted)
        {
            lsoa = converted;
            note = Join(note, $"LSOA 2021 from its LSOA 2011 {l11}");
        }

        if (lsoa is not null)
        {
            return new PlacedAsset(row, lsoa, AssetPlacements.Postcode, Join(note, $"postcode in {found.Directory.SourceId}"), point, pointSource, null);
        }

        if (entry.Point is { } pp && Locate(pp) is { } hit)
        {
            return new PlacedAsset(row, hit, AssetPlacements.PostcodePoint, Join(note, $"the point of the postcode in {found.Directory.SourceId}"), pp, found.Directory.SourceId, null);
        }

        notes.Add(entry.Point is null
            ? $"postcode '{postcode}' has no LSOA 2021 this geography knows and no point"
            : $"postcode '{postcode}' lies outside the LSOA 2021 boundaries (its point in {found.Directory.SourceId})");
        failure = AssetRejectReasons.OutsideBoundaries;
        return null;
    }

    private string? Locate(GeoPoint p) => _polygons?.Locate(p.Longitude, p.Latitude) is >= 0 and var hit ? _polygons[hit].Code : null;

    private void CountUnknown(string sourceId, string postcode)
    {
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

    private string? Unique2021(string lsoa11)
    {
        if (_from2011 is null || !_from2011.IsSource(lsoa11))
        {
            return null;
        }

        if (!_unique.TryGetValue(lsoa11, out var found))
        {
            found = FindUnique2021(lsoa11);
            _unique[lsoa11] = found;
        }

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
