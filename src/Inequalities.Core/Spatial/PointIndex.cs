namespace Inequalities.Core.Spatial;

/// <summary>
/// Counts points within a distance of a centre without testing every point: points are bucketed in a grid whose
/// cells are at least the search radius wide, so a query reads the 3 x 3 cells around the centre and measures
/// haversine distances only there.
/// </summary>
public sealed class PointIndex
{
    private const double MetresPerDegreeLatitude = 111_194.9;
    private readonly double[] _longitudes;
    private readonly double[] _latitudes;
    private readonly Dictionary<(int, int), List<int>> _cells = [];
    private readonly double _cellHeight;
    private readonly double _cellWidth;
    private readonly double _radius;

    /// <summary>Indexes points for queries of one radius.</summary>
    /// <param name="points">The points (invalid ones are ignored).</param>
    /// <param name="radiusMetres">The search radius every query uses.</param>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive or exceeds 1,000 km.</exception>
    public PointIndex(IReadOnlyList<GeoPoint> points, double radiusMetres)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusMetres);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(radiusMetres, 1_000_000);
        _radius = radiusMetres;
        _longitudes = new double[points.Count];
        _latitudes = new double[points.Count];
        _cellHeight = radiusMetres / MetresPerDegreeLatitude;

        // Cells must be at least the radius wide at the most poleward latitude indexed.
        var maxAbsLat = 0.0;
        foreach (var p in points)
        {
            if (p.IsValid)
            {
                maxAbsLat = Math.Max(maxAbsLat, Math.Abs(p.Latitude));
            }
        }

        var cos = Math.Cos(Math.Min(maxAbsLat + _cellHeight, 89.0) * Math.PI / 180);
        _cellWidth = _cellHeight / cos;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            _longitudes[i] = p.Longitude;
            _latitudes[i] = p.Latitude;
            if (!p.IsValid)
            {
                continue;
            }

            var key = Key(p.Longitude, p.Latitude);
            if (!_cells.TryGetValue(key, out var list))
            {
                list = [];
                _cells[key] = list;
            }

            list.Add(i);
        }
    }

    /// <summary>The search radius in metres.</summary>
    public double RadiusMetres => _radius;

    /// <summary>The number of points within the radius of <paramref name="centre"/> (the boundary included).</summary>
    /// <param name="centre">The centre.</param>
    public int CountWithin(GeoPoint centre)
    {
        var count = 0;
        ForEachWithin(centre, _ => count++);
        return count;
    }

    /// <summary>Calls <paramref name="action"/> with the position of every point within the radius of <paramref name="centre"/>.</summary>
    /// <param name="centre">The centre.</param>
    /// <param name="action">Receives each point's position in the list the index was built from.</param>
    public void ForEachWithin(GeoPoint centre, Action<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!centre.IsValid)
        {
            return;
        }

        var (cx, cy) = Key(centre.Longitude, centre.Latitude);
        for (var dx = -1; dx <= 1; dx++)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                if (!_cells.TryGetValue((cx + dx, cy + dy), out var list))
                {
                    continue;
                }

                foreach (var i in list)
                {
                    if (GeoPoint.Haversine(centre.Latitude, centre.Longitude, _latitudes[i], _longitudes[i]) <= _radius)
                    {
                        action(i);
                    }
                }
            }
        }
    }

    private (int, int) Key(double longitude, double latitude) =>
        ((int)Math.Floor(longitude / _cellWidth), (int)Math.Floor(latitude / _cellHeight));
}
