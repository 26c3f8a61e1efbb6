using ScottPlot;

namespace Inequalities.Charts;

/// <summary>Draws a <see cref="DistrictSummaryChart"/>: grouped bars per district, one colour per index, ranks as labels.</summary>
internal static class DistrictSummaryDrawing
{
    private static readonly Color[] Palette = [Color.FromHex("#9ecae1"), Color.FromHex("#08519c"), Color.FromHex("#6baed6"), Color.FromHex("#3182bd")];

    public static Plot Draw(DistrictSummaryChart chart)
    {
        var plot = ChartDrawing.NewPlot(string.Empty);
        var width = chart.Indices.Count + 1;
        var district = chart.Districts.Select((d, i) => (d.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var bars = chart.Ranks.Select(r => new Bar
        {
            Position = (district[r.LadCode] * width) + r.Index,
            Value = r.Rank,
            FillColor = Palette[r.Index % Palette.Length],
            Label = ChartLabels.N(r.Rank),
        }).ToList();
        for (var x = 0; x < chart.Indices.Count; x++)
        {
            var index = chart.Indices[x];
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{ChartLabels.Index(index.IndexId)} (of {ChartLabels.N(index.DistrictCount)} districts)",
                FillColor = Palette[x % Palette.Length],
                LineWidth = 0,
                MarkerShape = MarkerShape.None,
            });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        barPlot.ValueLabelStyle.FontName = ChartFonts.Family;
        plot.Title(chart.Title);
        plot.Axes.Bottom.SetTicks(
            chart.Districts.Select((_, d) => (d * width) + ((chart.Indices.Count - 1) / 2.0)).ToArray(),
            chart.Districts.Select(d => d.Name).ToArray());
        plot.YLabel("Rank (1 = most deprived)");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return ChartDrawing.Finish(plot);
    }
}
