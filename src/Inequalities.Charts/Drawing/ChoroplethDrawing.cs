using ScottPlot;

namespace Inequalities.Charts;

/// <summary>
/// Draws a <see cref="ChoroplethChart"/>: LSOAs filled on the viridis ramp (lightness rises monotonically, so it reads
/// in greyscale), larger areas first, district outlines, a legend of the class ranges, square units at the mean latitude.
/// </summary>
internal static class ChoroplethDrawing
{
    public static Plot Draw(ChoroplethChart chart)
    {
        var colormap = new ScottPlot.Colormaps.Viridis();
        Color ColorOf(int decile) => colormap.GetColor(decile / 9.0);
        var plot = ChartDrawing.NewPlot(chart.Title);
        var latitude = chart.Areas.SelectMany(a => a.Rings).Average(r => r[1]);
        var xScale = Math.Cos(latitude * Math.PI / 180);

        // Larger areas first, so an area inside another's hole is drawn on top of it.
        foreach (var area in chart.Areas.OrderByDescending(a => Extent(a.Rings)))
        {
            var fill = ColorOf(area.Class);
            foreach (var ring in area.Rings)
            {
                var polygon = plot.Add.Polygon(ToCoordinates(ring, xScale));
                polygon.FillColor = fill;
                polygon.LineColor = Colors.White.WithAlpha(0.35);
                polygon.LineWidth = 0.3f;
            }
        }

        foreach (var (x1, y1, x2, y2) in chart.DistrictEdges)
        {
            var edge = plot.Add.Line(x1 * xScale, y1, x2 * xScale, y2);
            edge.Color = Colors.Black;
            edge.LineWidth = 1.4f;
        }

        foreach (var c in chart.Classes)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{ChartLabels.G(c.Low)} – {ChartLabels.G(c.High)}",
                FillColor = ColorOf(c.Class),
                LineWidth = 0,
                MarkerShape = MarkerShape.None,
            });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "district boundary", LineColor = Colors.Black, LineWidth = 1.4f, MarkerShape = MarkerShape.None });
        plot.ShowLegend(Edge.Right);
        plot.Axes.Frameless();
        plot.Axes.Title.IsVisible = true;
        plot.HideGrid();
        plot.Axes.SquareUnits();
        return ChartDrawing.Finish(plot);
    }

    private static double Extent(IReadOnlyList<double[]> rings)
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

        return (e - w) * (n - s);
    }

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
