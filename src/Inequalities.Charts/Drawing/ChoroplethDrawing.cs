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
        var xScale = MapDrawing.XScale(chart.Areas.SelectMany(a => a.Rings));
        MapDrawing.AddAreas(plot, chart.Areas, a => a.Rings, a => ColorOf(a.Class), xScale);
        MapDrawing.AddDistrictEdges(plot, chart.DistrictEdges, xScale);
        foreach (var c in chart.Classes)
        {
            plot.Legend.ManualItems.Add(MapDrawing.FillLegend($"{ChartLabels.G(c.Low)} – {ChartLabels.G(c.High)}", ColorOf(c.Class)));
        }

        plot.Legend.ManualItems.Add(MapDrawing.DistrictBoundaryLegend());
        return MapDrawing.Finish(plot);
    }
}
