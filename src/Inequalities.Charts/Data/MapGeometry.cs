namespace Inequalities.Charts;

/// <summary>What the maps share: the district outlines and the extent of LSOA rings (lon/lat pairs flattened).</summary>
internal static class MapGeometry
{
    /// <summary>Edges on a district boundary: shared by areas of two districts, or on the outside of the mapped areas.</summary>
    public static List<LineSegment> DistrictEdges(IEnumerable<(string LadCode, IReadOnlyList<double[]> Rings)> mapped)
    {
        static long Key(double coordinate) => (long)Math.Round(coordinate * 1e6);
        var edges = new Dictionary<(long, long, long, long), (string District, int Count, double X1, double Y1, double X2, double Y2)>();
        foreach (var (ladCode, rings) in mapped)
        {
            foreach (var ring in rings)
            {
                var n = ring.Length / 2;
                for (var i = 0; i < n; i++)
                {
                    var j = (i + 1) % n;
                    double x1 = ring[2 * i], y1 = ring[(2 * i) + 1], x2 = ring[2 * j], y2 = ring[(2 * j) + 1];
                    var a = (Key(x1), Key(y1));
                    var b = (Key(x2), Key(y2));
                    if (a == b)
                    {
                        continue;
                    }

                    var key = a.CompareTo(b) < 0 ? (a.Item1, a.Item2, b.Item1, b.Item2) : (b.Item1, b.Item2, a.Item1, a.Item2);
                    if (edges.TryGetValue(key, out var e))
                    {
                        edges[key] = e with { Count = e.District == ladCode ? e.Count + 1 : -1000 };
                    }
                    else
                    {
                        edges[key] = (ladCode, 1, x1, y1, x2, y2);
                    }
                }
            }
        }

        return edges.Values.Where(e => e.Count is 1 or < 0).Select(e => new LineSegment(e.X1, e.Y1, e.X2, e.Y2)).ToList();
    }

    /// <summary>The bounding box of rings.</summary>
    public static MapExtent Extent(IEnumerable<double[]> rings)
    {
        double w = double.MaxValue, e = double.MinValue, s = double.MaxValue, n = double.MinValue;
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length; i += 2)
            {
                w = Math.Min(w, ring[i]);
                e = Math.Max(e, ring[i]);
                s = Math.Min(s, ring[i + 1]);
                n = Math.Max(n, ring[i + 1]);
            }
        }

        return new MapExtent(w, s, e, n);
    }
}

/// <summary>A longitude and latitude box.</summary>
/// <param name="West">The least longitude.</param>
/// <param name="South">The least latitude.</param>
/// <param name="East">The greatest longitude.</param>
/// <param name="North">The greatest latitude.</param>
public readonly record struct MapExtent(double West, double South, double East, double North)
{
    /// <summary>Whether a point lies in the box (edges included).</summary>
    /// <param name="longitude">The point's longitude.</param>
    /// <param name="latitude">The point's latitude.</param>
    public bool Contains(double longitude, double latitude) => longitude >= West && longitude <= East && latitude >= South && latitude <= North;
}
