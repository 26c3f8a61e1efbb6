using Inequalities.Sources.Parsing;
using ScottPlot;

namespace Inequalities.Charts;

/// <summary>
/// Draws an <see cref="AssetNeedMapChart"/>: the high-need, low-asset LSOAs in a warm fill, the others light grey,
/// district outlines, and each organisation as a dark-edged marker coloured (and shaped) by category, with a legend of
/// the fills and of the categories with their counts. A category keeps its colour on every map: its place in the lake's
/// list of categories (<see cref="AssetCategories.All"/>) picks it.
/// </summary>
internal static class AssetNeedMapDrawing
{
    private static readonly Color Highlight = Color.FromHex("#F4A582");
    private static readonly Color Other = Color.FromHex("#E4E4E4");

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleUp, MarkerShape.FilledTriangleDown,
    ];

    public static Plot Draw(AssetNeedMapChart chart)
    {
        var plot = ChartDrawing.NewPlot(chart.Title);
        var xScale = MapDrawing.XScale(chart.Areas.SelectMany(a => a.Rings));
        MapDrawing.AddAreas(plot, chart.Areas, a => a.Rings, a => a.HighNeedLowAssets ? Highlight : Other, xScale);
        MapDrawing.AddDistrictEdges(plot, chart.DistrictEdges, xScale);
        plot.Legend.ManualItems.Add(MapDrawing.FillLegend($"high need, low assets ({ChartLabels.N(chart.HighNeedLowAssets.Count)} LSOAs)", Highlight));
        plot.Legend.ManualItems.Add(MapDrawing.FillLegend($"other LSOAs ({ChartLabels.N(chart.Areas.Count - chart.HighNeedLowAssets.Count)})", Other));
        plot.Legend.ManualItems.Add(MapDrawing.DistrictBoundaryLegend());

        var palette = new ScottPlot.Palettes.Category10();
        var known = AssetCategories.All.Select(c => c.Category).ToList();
        var unknown = chart.Categories.Select(c => c.Category).Where(c => !known.Contains(c)).Order(StringComparer.Ordinal).ToList();
        foreach (var category in chart.Categories)
        {
            var index = known.IndexOf(category.Category) is >= 0 and var i ? i : known.Count + unknown.IndexOf(category.Category);
            var members = chart.Organisations.Where(o => o.Category == category.Category).ToList();
            var markers = plot.Add.Markers(members.Select(o => o.Longitude * xScale).ToArray(), members.Select(o => o.Latitude).ToArray());
            markers.MarkerShape = Shapes[index / 10 % Shapes.Length];
            markers.MarkerSize = 8;
            markers.MarkerFillColor = palette.GetColor(index % 10);
            markers.MarkerStyle.OutlineColor = Colors.Black;
            markers.MarkerStyle.OutlineWidth = 0.8f;
            var label = AssetCategories.All.FirstOrDefault(c => c.Category == category.Category).Label ?? ChartLabels.Words(category.Category);
            markers.LegendText = $"{label} ({ChartLabels.N(category.Count)})";
        }

        return MapDrawing.Finish(plot);
    }
}
