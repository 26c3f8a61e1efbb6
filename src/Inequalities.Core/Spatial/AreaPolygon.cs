namespace Inequalities.Core.Spatial;

/// <summary>
/// The outline of one area: one or more polygons, each an outer ring and optional holes, with coordinates in WGS84
/// degrees. Rings are stored as flat arrays <c>[lon0, lat0, lon1, lat1, ...]</c>; closing the ring (repeating the
/// first vertex) is optional.
/// </summary>
public sealed class AreaPolygon
{
    private readonly double[][][] _polygons;

    /// <summary>Creates an area outline.</summary>
    /// <param name="code">The area code (e.g. an LSOA code).</param>
    /// <param name="polygons">Polygons; each is its rings (outer first, then holes); each ring a flat lon/lat array of at least 3 vertices.</param>
    /// <exception cref="ArgumentException">There are no polygons, or a ring has fewer than 3 vertices, an odd length or a non-finite coordinate.</exception>
    public AreaPolygon(string code, double[][][] polygons)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(polygons);
        if (polygons.Length == 0)
        {
            throw new ArgumentException($"Area '{code}' has no polygons.", nameof(polygons));
        }

        double west = double.PositiveInfinity, south = double.PositiveInfinity, east = double.NegativeInfinity, north = double.NegativeInfinity;
        foreach (var polygon in polygons)
        {
            if (polygon is null || polygon.Length == 0)
            {
                throw new ArgumentException($"Area '{code}' has a polygon without rings.", nameof(polygons));
            }

            foreach (var ring in polygon)
            {
                if (ring is null || ring.Length < 6 || ring.Length % 2 != 0)
                {
                    throw new ArgumentException($"Area '{code}' has a ring with fewer than 3 vertices or an odd number of coordinates.", nameof(polygons));
                }

                for (var i = 0; i < ring.Length; i += 2)
                {
                    if (!double.IsFinite(ring[i]) || !double.IsFinite(ring[i + 1]))
                    {
                        throw new ArgumentException($"Area '{code}' has a non-finite coordinate.", nameof(polygons));
                    }

                    west = Math.Min(west, ring[i]);
                    east = Math.Max(east, ring[i]);
                    south = Math.Min(south, ring[i + 1]);
                    north = Math.Max(north, ring[i + 1]);
                }
            }
        }

        Code = code;
        _polygons = polygons;
        West = west;
        South = south;
        East = east;
        North = north;
    }

    /// <summary>The area code.</summary>
    public string Code { get; }

    /// <summary>Smallest longitude.</summary>
    public double West { get; }

    /// <summary>Smallest latitude.</summary>
    public double South { get; }

    /// <summary>Largest longitude.</summary>
    public double East { get; }

    /// <summary>Largest latitude.</summary>
    public double North { get; }

    /// <summary>The number of polygons.</summary>
    public int PolygonCount => _polygons.Length;

    /// <summary>
    /// Whether the point lies inside the area: inside an outer ring and not inside one of its holes (even-odd rule
    /// over the polygon's rings). Points exactly on an edge may fall either side; two neighbouring areas never both
    /// claim a point strictly inside one of them.
    /// </summary>
    /// <param name="longitude">Degrees east.</param>
    /// <param name="latitude">Degrees north.</param>
    public bool Contains(double longitude, double latitude)
    {
        if (longitude < West || longitude > East || latitude < South || latitude > North)
        {
            return false;
        }

        foreach (var polygon in _polygons)
        {
            var inside = false;
            foreach (var ring in polygon)
            {
                if (RingContains(ring, longitude, latitude))
                {
                    inside = !inside;
                }
            }

            if (inside)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The area-weighted centroid of the outline (holes subtracted), computed in longitude/latitude (a linear
    /// scaling of longitude, as an equirectangular projection does, leaves a centroid unchanged). For a degenerate
    /// outline with no area, the mean of the outer ring's vertices.
    /// </summary>
    public GeoPoint Centroid()
    {
        double area = 0, cx = 0, cy = 0;
        foreach (var polygon in _polygons)
        {
            for (var r = 0; r < polygon.Length; r++)
            {
                var ring = polygon[r];
                var (a, x, y) = RingMoments(ring);

                // Outer rings count positive and holes negative whatever their winding.
                var sign = r == 0 ? Math.Sign(a) : -Math.Sign(a);
                area += sign * a;
                cx += sign * x;
                cy += sign * y;
            }
        }

        if (Math.Abs(area) < 1e-18)
        {
            var ring = _polygons[0][0];
            double sx = 0, sy = 0;
            var n = ring.Length / 2;
            for (var i = 0; i < ring.Length; i += 2)
            {
                sx += ring[i];
                sy += ring[i + 1];
            }

            return new GeoPoint(sx / n, sy / n);
        }

        return new GeoPoint(cx / (3 * area), cy / (3 * area));
    }

    /// <summary>Signed area (shoelace, times 2 folded into the moments) and first moments of one ring.</summary>
    private static (double Area, double X, double Y) RingMoments(double[] ring)
    {
        double a = 0, x = 0, y = 0;
        var n = ring.Length / 2;
        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            var x0 = ring[2 * i];
            var y0 = ring[(2 * i) + 1];
            var x1 = ring[2 * j];
            var y1 = ring[(2 * j) + 1];
            var cross = (x0 * y1) - (x1 * y0);
            a += cross;
            x += (x0 + x1) * cross;
            y += (y0 + y1) * cross;
        }

        return (a / 2, x / 2, y / 2);
    }

    /// <summary>Crossing-number test of one ring (a repeated closing vertex adds a zero-length edge, which is harmless).</summary>
    private static bool RingContains(double[] ring, double x, double y)
    {
        var inside = false;
        var n = ring.Length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            var xi = ring[2 * i];
            var yi = ring[(2 * i) + 1];
            var xj = ring[2 * j];
            var yj = ring[(2 * j) + 1];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
