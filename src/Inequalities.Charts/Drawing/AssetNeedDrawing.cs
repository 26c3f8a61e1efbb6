using ScottPlot;

namespace Inequalities.Charts;

/// <summary>Draws an <see cref="AssetNeedChart"/>: one colour and marker per district, dashed quadrant lines.</summary>
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
        var palette = new ScottPlot.Palettes.Category10();
        var k = 0;
        foreach (var district in chart.Districts)
        {
            var s = plot.Add.Scatter(district.NeedScores.ToArray(), district.AssetsPer10k.ToArray());
            s.LineWidth = 0;
            s.MarkerSize = 6;
            s.MarkerShape = Markers[k % Markers.Length];
            s.Color = palette.GetColor(k).WithAlpha(0.8);
            s.LegendText = district.Name;
            k++;
        }

        if (chart.HighNeedFrom is { } highNeedFrom)
        {
            Quadrant(plot.Add.VerticalLine(highNeedFrom), "high need →");
        }

        if (chart.LowAssetsTo is { } lowAssetsTo)
        {
            Quadrant(plot.Add.HorizontalLine(lowAssetsTo), "low assets ↓");
        }

        plot.XLabel("Need score (higher = more need)");
        plot.YLabel("Assets per 10,000 residents");
        plot.ShowLegend(Alignment.UpperRight);
        return ChartDrawing.Finish(plot);
    }

    private static void Quadrant(ScottPlot.Plottables.AxisLine line, string label)
    {
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LabelText = label;
        line.LabelFontName = ChartFonts.Family;
    }
}
