using ScottPlot;
using ScottPlot.Plottables;

namespace Inequalities.Charts.Tests;

/// <summary>
/// The asset-versus-need chart's quadrant tags, checked on the layout ScottPlot reports after rendering the plot at
/// the chart's size: the data area, every panel around it (axes with their tick labels and titles, the title, the
/// legend), the axis titles' own boxes, each tag's box, and the pixel of every LSOA drawn.
/// </summary>
internal static class AssetNeedLayout
{
    public static void AssertTagsClear(AssetNeedChart chart, int expectedTags)
    {
        var plot = chart.ToPlot();
        plot.RenderInMemory(chart.Width, chart.Height);
        var render = plot.RenderManager.LastRender;
        var data = render.DataRect;
        var tags = plot.GetPlottables().OfType<Annotation>().ToList();
        Assert.Equal(expectedTags, tags.Count);

        using var paint = Paint.NewDisposablePaint();
        var panels = render.Layout.PanelSizes.Where(p => p.Key.IsVisible && p.Value > 0)
            .Select(p => (Name: p.Key.GetType().Name, Rect: p.Key.GetPanelRect(data, p.Value, render.Layout.PanelOffsets[p.Key], paint)))
            .ToList();
        Assert.Contains(panels, p => p.Name == "LeftAxis");
        Assert.Contains(panels, p => p.Name == "BottomAxis");
        var titles = new[] { ("x axis title", plot.Axes.Bottom.Label.LastRenderPixelRect), ("chart title", plot.Axes.Title.Label.LastRenderPixelRect) };
        Assert.All(titles, t => Assert.True(t.Item2.Height > 0, $"{t.Item1} was not rendered"));

        // Every point drawn, at its pixel, as large as its marker.
        Func<double, double> y = chart.SquareRootScale ? Math.Sqrt : v => v;
        var points = chart.Districts.SelectMany(d => d.NeedScores.Zip(d.AssetsPer10k, (x, a) => plot.GetPixel(new Coordinates(x, y(a))))).ToList();
        Assert.Equal(chart.LsoaCount, points.Count);
        Assert.All(points, p => Assert.True(data.Contains(p), $"the point at {p} is outside the data area {data}"));

        var boxes = tags.Select(t => (t.Text, Box: t.LabelStyle.LastRenderPixelRect, t.Alignment)).ToList();
        foreach (var (text, box, alignment) in boxes)
        {
            Assert.True(box.Width > 0 && box.Height > 0, $"tag '{text}' was not rendered");
            Assert.True(Inside(box, data), $"tag '{text}' {box} is not inside the data area {data}");
            foreach (var (name, rect) in panels)
            {
                Assert.False(Overlaps(box, rect), $"tag '{text}' {box} overlaps the {name} panel {rect}");
            }

            foreach (var (name, rect) in titles)
            {
                Assert.False(Overlaps(box, rect), $"tag '{text}' {box} overlaps the {name} {rect}");
            }

            var hit = points.FirstOrDefault(p => Overlaps(box, new PixelRect(p, QuadrantTags.MarkerRadius)));
            Assert.True(
                points.All(p => !Overlaps(box, new PixelRect(p, QuadrantTags.MarkerRadius))),
                $"tag '{text}' {box} covers the point at {hit}");

            // Each tag lies wholly in its own quadrant: on its side of each quadrant line.
            if (chart.HighNeedFrom is { } line && tags.Count == 4)
            {
                var lineX = plot.GetPixel(new Coordinates(line, 0)).X;
                Assert.True(alignment is Alignment.UpperRight or Alignment.LowerRight ? box.Left > lineX : box.Right < lineX, $"tag '{text}' {box} crosses the high-need line at x = {lineX}");
            }

            if (chart.LowAssetsTo is { } level && tags.Count == 4)
            {
                var lineY = plot.GetPixel(new Coordinates(0, y(level))).Y;
                Assert.True(alignment is Alignment.LowerLeft or Alignment.LowerRight ? box.Top > lineY : box.Bottom < lineY, $"tag '{text}' {box} crosses the low-assets line at y = {lineY}");
            }
        }

        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(Overlaps(boxes[i].Box, boxes[j].Box), $"tags '{boxes[i].Text}' and '{boxes[j].Text}' overlap");
            }
        }
    }

    /// <summary>Whether two boxes share any area (touching edges do not count).</summary>
    private static bool Overlaps(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static bool Inside(PixelRect inner, PixelRect outer) =>
        inner.Left >= outer.Left && inner.Right <= outer.Right && inner.Top >= outer.Top && inner.Bottom <= outer.Bottom;
}

[Collection(RealLakeCollection.Name)]
public sealed class RealLakeAssetNeedLayoutTests(RealLakeFixture lake)
{
    [Fact]
    public async Task ToPlot_LcrRealRegister_QuadrantTagsClearOfAxisTitlesTickLabelsAndData()
    {
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions());

        AssetNeedLayout.AssertTagsClear(chart, 4);
        Assert.Contains("high need, low assets", QuadrantTags.Tags(chart).Single(t => t.Priority).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E08000012", 900, 600)]
    [InlineData("E08000013", 700, 500)]
    [InlineData("E47000004", 1200, 500)]
    public async Task ToPlot_OtherAreasAndSizes_QuadrantTagsStayClear(string area, int width, int height)
    {
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions { AreaCode = area, Width = width, Height = height, SquareRootScale = width != 700 });

        AssetNeedLayout.AssertTagsClear(chart, 4);
    }

    [Fact]
    public async Task ToPlot_TooSmallForTheTags_LeavesThemOut()
    {
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions { Width = 260, Height = 160 });

        AssetNeedLayout.AssertTagsClear(chart, 0);
    }
}

[Collection(SampleLakeCollection.Name)]
public sealed class SampleLakeAssetNeedLayoutTests(SampleLakeFixture lake)
{
    [Fact]
    public async Task ToPlot_SampleLake_QuadrantTagsClearOfAxisTitlesTickLabelsAndData()
    {
        var chart = await Charts.AssetNeedAsync(lake.Snapshot, new AssetNeedChartOptions());

        AssetNeedLayout.AssertTagsClear(chart, 4);
    }
}

public sealed class AxisTicksTests
{
    [Theory]
    [InlineData(130, "0 1 5 10 20 50 100 200")]
    [InlineData(27, "0 1 2 5 10 20 50")]
    [InlineData(5, "0 0.1 0.5 1 2 5")]
    [InlineData(0, "0 0.1 0.2 0.5 1")]
    public void SquareRoot_Maximum_TicksAtTheRootsOfRoundValuesSpreadOut(double max, string expected)
    {
        var generator = AxisTicks.SquareRoot(max);
        using var paint = Paint.NewDisposablePaint();
        generator.Regenerate(new CoordinateRange(-100, 100), Edge.Left, new PixelLength(500), paint, new LabelStyle());
        var ticks = generator.Ticks;

        Assert.Equal(expected, string.Join(' ', ticks.Select(t => t.Label)));
        Assert.All(ticks, t => Assert.Equal(Math.Sqrt(double.Parse(t.Label, System.Globalization.CultureInfo.InvariantCulture)), t.Position, 12));
    }
}
