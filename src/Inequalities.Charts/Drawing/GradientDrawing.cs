using ScottPlot;

namespace Inequalities.Charts;

/// <summary>Draws a <see cref="GradientChart"/>: points with 95% error bars, the slope-index line, the indices in the legend.</summary>
internal static class GradientDrawing
{
    public static Plot Draw(GradientChart chart)
    {
        var points = chart.Points;
        var mid = points.Select(p => p.Midpoint).ToArray();
        var value = points.Select(p => p.Value).ToArray();
        var word = ChartLabels.QuantileWord(points.Count);
        var plot = ChartDrawing.NewPlot(chart.Title);
        var bars = plot.Add.ErrorBar(mid, value, points.Select(p => double.IsNaN(p.HalfInterval) ? 0 : p.HalfInterval).ToArray());
        bars.Color = Colors.Black.WithAlpha(0.6);
        bars.LegendText = "95% interval";
        var scatter = plot.Add.Scatter(mid, value);
        scatter.LineWidth = 0;
        scatter.MarkerSize = 9;
        scatter.Color = Color.FromHex("#1f4e79");
        scatter.LegendText = $"{word} value";

        if (chart.QuantileMethod is { Sii: { } sii } slope)
        {
            var line = plot.Add.Line(0, chart.WeightedMean - (sii / 2), 1, chart.WeightedMean + (sii / 2));
            line.Color = Color.FromHex("#c0504d");
            line.LineWidth = 2;
            var level = (slope.Confidence ?? 0.95) * 100;
            line.LegendText = $"SII {ChartLabels.F(sii)} ({level:0.#}% CI {ChartLabels.F(slope.SiiLower)} to {ChartLabels.F(slope.SiiUpper)}): least minus most deprived";
            if (slope.Rii is { } rii)
            {
                plot.Legend.ManualItems.Add(ChartDrawing.Note($"RII {ChartLabels.F(rii, "0.00")} ({ChartLabels.F(slope.RiiLower, "0.00")} to {ChartLabels.F(slope.RiiUpper, "0.00")})"));
            }
        }
        else
        {
            var reason = chart.QuantileMethod?.Reason;
            plot.Legend.ManualItems.Add(ChartDrawing.Note("No SII in the lake for this selection" + (reason is null ? string.Empty : $" ({reason})")));
        }

        if (chart.LsoaMethod is { Sii: { } lsoaSii } lsoa)
        {
            plot.Legend.ManualItems.Add(ChartDrawing.Note($"LSOA method: SII {ChartLabels.F(lsoaSii)} ({ChartLabels.F(lsoa.SiiLower)} to {ChartLabels.F(lsoa.SiiUpper)})"));
        }

        plot.Axes.Bottom.SetTicks(mid, points.Select(p => ChartLabels.N(p.Quantile)).ToArray());
        plot.Axes.SetLimitsX(0, 1);
        plot.XLabel($"{word} (1 = most deprived), at its population midpoint");
        plot.YLabel(ChartLabels.Words(chart.IndicatorId));
        plot.ShowLegend(Alignment.UpperRight);
        return ChartDrawing.Finish(plot);
    }
}
