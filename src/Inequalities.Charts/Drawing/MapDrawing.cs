using ScottPlot;

namespace Inequalities.Charts;

/// <summary>
/// What the maps' drawings share: longitude scaled by the cosine of the mean latitude (square units then give true
/// shapes), LSOA polygons drawn larger first (an area inside another's hole is drawn on top of it), district outlines,
/// and a frameless plot without a grid.
/// </summary>
internal static class MapDrawing
{
    /// <summary>The longitude scale: the cosine of the rings' mean latitude.</summary>
    public static double XScale(IEnumerable<double[]> rings) => Math.Cos(rings.Average(r => r[1]) * Math.PI / 180);

    /// <summary>Adds each area's rings, larger areas first, filled by <paramref name="fill"/>, with thin white edges.</summary>
    public static void AddAreas<T>(Plot plot, IEnumerable<T> areas, Func<T, IReadOnlyList<double[]>> rings, Func<T, Color> fill, double xScale)
    {
        foreach (var area in areas.OrderByDescending(a => Size(MapGeometry.Extent(rings(a)))))
        {
            var color = fill(area);
            foreach (var ring in rings(area))
            {
                var polygon = plot.Add.Polygon(ToCoordinates(ring, xScale));
                polygon.FillColor = color;
                polygon.LineColor = Colors.White.WithAlpha(0.35);
                polygon.LineWidth = 0.3f;
            }
        }
    }

    /// <summary>Adds the district outlines (black).</summary>
    public static void AddDistrictEdges(Plot plot, IEnumerable<LineSegment> edges, double xScale)
    {
        foreach (var (x1, y1, x2, y2) in edges)
        {
            var edge = plot.Add.Line(x1 * xScale, y1, x2 * xScale, y2);
            edge.Color = Colors.Black;
            edge.LineWidth = 1.4f;
        }
    }

    /// <summary>The legend entry of the district outlines.</summary>
    public static LegendItem DistrictBoundaryLegend() => new() { LabelText = "district boundary", LineColor = Colors.Black, LineWidth = 1.4f, MarkerShape = MarkerShape.None };

    /// <summary>A legend entry of a fill.</summary>
    public static LegendItem FillLegend(string text, Color fill) => new() { LabelText = text, FillColor = fill, LineWidth = 0, MarkerShape = MarkerShape.None };

    /// <summary>Legend on the right, no frame or grid, square units; the title stays.</summary>
    public static Plot Finish(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Axes.Frameless();
        plot.Axes.Title.IsVisible = true;
        plot.HideGrid();
        plot.Axes.SquareUnits();
        return ChartDrawing.Finish(plot);
    }

    private static double Size(MapExtent extent) => (extent.East - extent.West) * (extent.North - extent.South);

    private static Coordinates[] ToCoordinates(double[] ring, double xScale)
    {
        var result = new Coordinates[ring.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new Coordinates(ring[2 * i] * xScale, ring[(2 * i) + 1]);
        }

        return result;
    }
}
