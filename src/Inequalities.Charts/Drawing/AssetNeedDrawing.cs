using ScottPlot;

namespace Inequalities.Charts;

/// <summary>
/// Draws an <see cref="AssetNeedChart"/>: one colour and marker per district, dashed quadrant lines (named in the
/// legend), the assets axis on a square-root scale unless turned off, and the quadrants' tags in the corners of the
/// data area (<see cref="QuadrantTags"/>), clear of the axes and the data.
/// </summary>
internal static class AssetNeedDrawing
{
    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.Cross,
    ];

    public static Plot Draw(AssetNeedChart chart)
    {
        var plot = ChartDrawing.NewPlot(chart.Title);
        Func<double, double> y = chart.SquareRootScale ? Math.Sqrt : v => v;
        var palette = new ScottPlot.Palettes.Category10();
        var k = 0;
        foreach (var district in chart.Districts)
        {
            var s = plot.Add.Scatter(district.NeedScores.ToArray(), district.AssetsPer10k.Select(y).ToArray());
            s.LineWidth = 0;
            s.MarkerSize = 6;
            s.MarkerShape = Markers[k % Markers.Length];
            s.Color = palette.GetColor(k).WithAlpha(0.8);
            s.LegendText = district.Name;
            k++;
        }

        if (chart.HighNeedFrom is { } highNeedFrom)
        {
            Quadrant(plot.Add.VerticalLine(highNeedFrom), $"high need: need score from {ChartLabels.F(highNeedFrom, "0.#")}");
        }

        if (chart.LowAssetsTo is { } lowAssetsTo)
        {
            Quadrant(plot.Add.HorizontalLine(y(lowAssetsTo)), $"low assets: up to {ChartLabels.F(lowAssetsTo, "0.##")} per 10,000");
        }

        plot.XLabel("Need score (higher = more need)");
        plot.YLabel(chart.SquareRootScale ? "Assets per 10,000 residents (square-root scale)" : "Assets per 10,000 residents");
        var all = chart.Districts.SelectMany(d => d.AssetsPer10k).ToList();
        plot.Axes.Left.TickGenerator = chart.SquareRootScale
            ? AxisTicks.SquareRoot(all.Count > 0 ? all.Max() : 1)
            : AxisTicks.From(all.Count > 0 && all.Min() >= 0 ? 0 : double.NegativeInfinity);
        plot.Axes.Bottom.TickGenerator = AxisTicks.From(chart.Districts.SelectMany(d => d.NeedScores).DefaultIfEmpty().Min() >= 0 ? 0 : double.NegativeInfinity);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        ChartDrawing.Finish(plot);
        QuadrantTags.Place(plot, chart, y);
        return plot;
    }

    private static void Quadrant(ScottPlot.Plottables.AxisLine line, string legend)
    {
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LegendText = legend;
    }
}
