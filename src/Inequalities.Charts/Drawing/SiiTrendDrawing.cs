using ScottPlot;

namespace Inequalities.Charts;

/// <summary>Draws a <see cref="SiiTrendChart"/>: the slope indices with 95% error bars and a dashed line at 0.</summary>
internal static class SiiTrendDrawing
{
    /// <summary>Below this line the SII says the indicator is higher in more deprived areas.</summary>
    private const string SignNote = "SII = least minus most deprived: below 0, higher in more deprived areas";

    public static Plot Draw(SiiTrendChart chart)
    {
        var plot = ChartDrawing.NewPlot(chart.Title);
        var points = chart.Points;
        var xs = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
        var ys = points.Select(p => p.Sii).ToArray();
        var half = points.Select(p => ((p.Upper ?? double.NaN) - (p.Lower ?? double.NaN)) / 2).ToArray();
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Gray;
        zero.LinePattern = LinePattern.Dashed;
        zero.LegendText = SignNote;
        var bars = plot.Add.ErrorBar(xs, ys, half);
        bars.Color = Colors.Black.WithAlpha(0.6);
        bars.LegendText = "95% interval";
        var line = plot.Add.Scatter(xs, ys);
        line.Color = Color.FromHex("#c0504d");
        line.LineWidth = chart.OverTime ? 2 : 0;
        line.MarkerSize = 10;
        line.LegendText = $"SII ({chart.Method} method)";
        plot.Axes.Bottom.SetTicks(xs, points.Select(p => p.Label).ToArray());
        plot.Axes.SetLimitsX(-0.5, points.Count - 0.5);
        var low = Math.Min(0, ys.Zip(half, (y, h) => y - h).Where(double.IsFinite).DefaultIfEmpty(0).Min());
        var high = Math.Max(0, ys.Zip(half, (y, h) => y + h).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var pad = ((high - low) * 0.1) + 1e-9;
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.XLabel(chart.OverTime ? "Period" : "Deprivation basis");
        plot.YLabel($"SII: {ChartLabels.Words(chart.IndicatorId)}");
        plot.ShowLegend(Edge.Bottom);
        return ChartDrawing.Finish(plot);
    }
}
