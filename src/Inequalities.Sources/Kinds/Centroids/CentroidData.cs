using Inequalities.Core.Columnar;
using Inequalities.Core.Spatial;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// One point per area (population-weighted or geometric centroids) from a centroids-kind source, in columns. The lake
/// uses LSOA centroids for the distances of <c>asset_need</c> (assets near each LSOA).
/// </summary>
public sealed class CentroidData : ParsedSource
{
    private Dictionary<string, GeoPoint>? _points;

    /// <summary>The geography vintage of the codes, when stated.</summary>
    public int? Vintage { get; init; }

    /// <summary>Area codes, one per point.</summary>
    public required StringColumn AreaCodes { get; init; }

    /// <summary>WGS84 longitude per area.</summary>
    public required double[] Longitudes { get; init; }

    /// <summary>WGS84 latitude per area.</summary>
    public required double[] Latitudes { get; init; }

    /// <summary>Area code to its point (built from the columns on first use).</summary>
    public IReadOnlyDictionary<string, GeoPoint> Points => _points ??= Build();

    /// <inheritdoc />
    public override long RowCount => AreaCodes.Length;

    private Dictionary<string, GeoPoint> Build()
    {
        var points = new Dictionary<string, GeoPoint>(AreaCodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < AreaCodes.Length; i++)
        {
            points[AreaCodes[i]!] = new GeoPoint(Longitudes[i], Latitudes[i]);
        }

        return points;
    }
}
