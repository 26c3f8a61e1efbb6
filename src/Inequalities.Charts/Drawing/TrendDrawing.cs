using ScottPlot;

namespace Inequalities.Charts;

/// <summary>Draws a <see cref="TrendChart"/>: one line and marker per quintile across the periods.</summary>
internal static class TrendDrawing
{
    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown];

    public static Plot Draw(TrendChart chart)
    {
        var plot = ChartDrawing.NewPlot(chart.Title);
        var periods = chart.Periods.ToArray();
        var xs = Enumerable.Range(0, periods.Length).Select(i => (double)i).ToArray();
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (var q = 0; q < 5; q++)
        {
            var line = plot.Add.Scatter(xs, chart.Quintiles[q].Values.ToArray());
            line.Color = colormap.GetColor(q / 4.0 * 0.85);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.MarkerShape = Markers[q];
            line.LegendText = q switch { 0 => "Q1 (most deprived)", 4 => "Q5 (least deprived)", _ => $"Q{q + 1}" };
        }

        plot.Axes.Bottom.SetTicks(xs, periods);
        plot.Axes.SetLimitsX(-0.5, periods.Length - 0.5);
        plot.XLabel("Period");
        plot.YLabel(ChartLabels.Words(chart.IndicatorId));
        plot.ShowLegend(Edge.Right);
        return ChartDrawing.Finish(plot);
    }
}
