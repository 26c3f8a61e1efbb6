using Inequalities.Core.Spatial;

namespace Inequalities.Sources.Parsing;

/// <summary>One postcode of the ONS Postcode Directory.</summary>
/// <param name="Postcode">The postcode as published (e.g. <c>L1 0AA</c>).</param>
/// <param name="Lsoa11">Its LSOA 2011, when the directory maps it.</param>
/// <param name="Lsoa21">Its LSOA 2021, when the directory maps it.</param>
/// <param name="Point">Its coordinates, when the directory gives them.</param>
/// <param name="Terminated">The termination date (YYYYMM) of a postcode no longer in use; null while live.</param>
public sealed record PostcodeEntry(string Postcode, string? Lsoa11, string? Lsoa21, GeoPoint? Point, string? Terminated)
{
    /// <summary>Its local authority district (ONSPD's <c>lad25cd</c>, Code-Point Open's <c>Admin_district_code</c>), when the directory maps <c>lad_code</c>.</summary>
    public string? LadCode { get; init; }
}

/// <summary>The part of a postcode directory a refresh needs (the postcodes its registers use).</summary>
public sealed class PostcodeDirectory : ParsedSource
{
    /// <summary>Postcodes keyed by <see cref="PostcodeParser.Normalise(string?)"/> form (upper case, no spaces).</summary>
    public required IReadOnlyDictionary<string, PostcodeEntry> Entries { get; init; }

    /// <summary>Rows read from the file (all of them, kept or not).</summary>
    public required long RowsRead { get; init; }

    /// <summary>
    /// The point of every live postcode in the file (terminated ones and those without a point left out), kept only
    /// when the refresh has no LSOA 2021 centroids source: the lake then takes the mean of the postcode points in an
    /// LSOA as its centre (see <c>asset_need.centre_basis</c>). Null when not kept.
    /// </summary>
    public IReadOnlyList<GeoPoint>? LivePoints { get; init; }

    /// <summary>Finds a postcode in any spacing or case.</summary>
    /// <param name="postcode">The postcode.</param>
    public PostcodeEntry? Find(string postcode) =>
        PostcodeParser.Normalise(postcode) is { } key && Entries.TryGetValue(key, out var entry) ? entry : null;

    /// <inheritdoc />
    public override long RowCount => RowsRead;
}
