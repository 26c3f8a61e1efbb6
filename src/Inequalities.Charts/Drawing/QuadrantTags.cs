using ScottPlot;
using ScottPlot.Plottables;

namespace Inequalities.Charts;

/// <summary>
/// The quadrant tags of the asset-versus-need chart ("high need, low assets" and the others): ScottPlot annotations in
/// the corners of the data area, on a white background, so they never touch the axis titles or tick labels (which lie
/// outside the data area). The axis limits are then set so that the data keep clear of them: a band above the highest
/// point and below the lowest as tall as the tags, and the quadrant line far enough from each side for the tags to fit
/// in their own quadrant. The layout is measured by rendering the plot at the chart's size.
/// </summary>
internal static class QuadrantTags
{
    /// <summary>Pixels between a tag and the edge of the data area.</summary>
    public const float Inset = 6;

    /// <summary>Pixels kept clear between a tag and the nearest data marker or quadrant line.</summary>
    public const float Clearance = 6;

    /// <summary>Half the size of the largest marker drawn, in pixels.</summary>
    public const float MarkerRadius = 4;

    /// <summary>Pixels between a tag's text and the edge of its background.</summary>
    private const float Padding = 4;

    /// <summary>The share of the axis added beyond the data on each side before the tags' room.</summary>
    private const double Pad = 0.03;

    /// <summary>Adds the tags and sets the axis limits; if the data area is too small for them, leaves them out.</summary>
    public static void Place(Plot plot, AssetNeedChart chart, Func<double, double> y)
    {
        var xs = chart.Districts.SelectMany(d => d.NeedScores).Concat(chart.HighNeedFrom is { } v ? [v] : []).ToList();
        var ys = chart.Districts.SelectMany(d => d.AssetsPer10k).Concat(chart.LowAssetsTo is { } h ? [h] : []).Select(y).ToList();
        var (x0, x1, padX) = Range(xs);
        var (y0, y1, padY) = Range(ys);
        plot.Axes.SetLimits(x0 - padX, x1 + padX, y0 - padY, y1 + padY);
        var tags = Tags(chart).Select(t => Add(plot, t.Alignment, t.Text, t.Priority)).ToList();
        if (tags.Count == 0)
        {
            return;
        }

        PixelRect? previous = null;
        for (var pass = 0; pass < 3; pass++)
        {
            plot.RenderInMemory(chart.Width, chart.Height);
            var data = plot.RenderManager.LastRender.DataRect;
            if (previous is { } p && p.Equals(data))
            {
                return;
            }

            previous = data;
            var top = Band(tags.Where(t => t.Alignment is Alignment.UpperLeft or Alignment.UpperRight)) / data.Height;
            var bottom = Band(tags.Where(t => t.Alignment is Alignment.LowerLeft or Alignment.LowerRight)) / data.Height;
            var left = Width(tags.Where(t => t.Alignment is Alignment.UpperLeft or Alignment.LowerLeft)) / data.Width;
            var right = Width(tags.Where(t => t.Alignment is Alignment.UpperRight or Alignment.LowerRight)) / data.Width;
            if (top + bottom >= 0.6 || left + right >= 0.9)
            {
                foreach (var tag in tags)
                {
                    plot.Remove(tag);
                }

                return;
            }

            var span = (y1 - y0 + (2 * padY)) / (1 - top - bottom);
            var (xLow, xHigh) = chart.HighNeedFrom is { } line ? Around(line, x0 - padX, x1 + padX, left, right) : (x0 - padX, x1 + padX);
            plot.Axes.SetLimits(xLow, xHigh, y0 - padY - (bottom * span), y1 + padY + (top * span));
        }
    }

    /// <summary>The tag of each quadrant the chart's lines make: four with both lines, two with one, none without.</summary>
    internal static List<(Alignment Alignment, string Text, bool Priority)> Tags(AssetNeedChart chart)
    {
        string Count(string quadrant) => chart.Quadrants.FirstOrDefault(q => q.Quadrant == quadrant) is { } q ? $"\n{ChartLabels.N(q.Lsoas)} LSOAs" : string.Empty;
        return (chart.HighNeedFrom is not null, chart.LowAssetsTo is not null) switch
        {
            (true, true) =>
            [
                (Alignment.UpperLeft, "lower need, higher assets" + Count("lower_need_higher_assets"), false),
                (Alignment.UpperRight, "high need, higher assets" + Count("high_need_higher_assets"), false),
                (Alignment.LowerLeft, "lower need, low assets" + Count("lower_need_low_assets"), false),
                (Alignment.LowerRight, "high need, low assets" + Count("high_need_low_assets"), true),
            ],
            (true, false) => [(Alignment.UpperLeft, "lower need", false), (Alignment.UpperRight, "high need", false)],
            (false, true) => [(Alignment.UpperLeft, "higher assets", false), (Alignment.LowerLeft, "low assets", false)],
            _ => [],
        };
    }

    private static Annotation Add(Plot plot, Alignment alignment, string text, bool priority)
    {
        var tag = plot.Add.Annotation(text, alignment);
        // ScottPlot aligns the text, not its background, to the corner: the padding is added to the offset, so the
        // background's edge is Inset pixels from the data area's. No shadow: its offset would widen the reported box.
        tag.OffsetX = Inset + Padding;
        tag.OffsetY = Inset + Padding;
        tag.LabelStyle.ShadowOffset = new PixelOffset(0, 0);
        tag.LabelFontName = ChartFonts.Family;
        tag.LabelFontSize = 13;
        tag.LabelBold = priority;
        tag.LabelFontColor = priority ? Color.FromHex("#8B1A1A") : Colors.Black.WithAlpha(0.8);
        tag.LabelBackgroundColor = Colors.White.WithAlpha(0.92);
        tag.LabelBorderColor = priority ? Color.FromHex("#8B1A1A") : Colors.Gray;
        tag.LabelBorderWidth = 1;
        tag.LabelShadowColor = Colors.Transparent;
        tag.LabelPadding = Padding;
        return tag;
    }

    /// <summary>The room a row of tags needs from the edge: the tallest, with the inset, the clearance and a marker's half.</summary>
    private static double Band(IEnumerable<Annotation> tags) =>
        tags.Select(t => (double)t.LabelStyle.LastRenderPixelRect.Height).DefaultIfEmpty(-(Inset + Clearance + MarkerRadius)).Max() + Inset + Clearance + MarkerRadius;

    /// <summary>The room a column of tags needs from the edge: the widest, with the inset and the clearance.</summary>
    private static double Width(IEnumerable<Annotation> tags) =>
        tags.Select(t => (double)t.LabelStyle.LastRenderPixelRect.Width).DefaultIfEmpty(-(Inset + Clearance)).Max() + Inset + Clearance;

    /// <summary>
    /// Limits at least as wide as <paramref name="low"/> to <paramref name="high"/> that leave <paramref name="left"/> of
    /// the width between the lower limit and the line, and <paramref name="right"/> between the line and the upper limit.
    /// </summary>
    private static (double Low, double High) Around(double line, double low, double high, double left, double right)
    {
        var (l, h) = (low, high);
        for (var i = 0; i < 100; i++)
        {
            var span = h - l;
            (l, h) = (Math.Min(low, line - (left * 1.01 * span)), Math.Max(high, line + (right * 1.01 * span)));
        }

        return (l, h);
    }

    /// <summary>The lowest and highest value and the padding beyond them (a flat range gets half a unit).</summary>
    private static (double Low, double High, double Pad) Range(List<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 1, Pad);
        }

        var (low, high) = (values.Min(), values.Max());
        return (low, high, high > low ? Pad * (high - low) : 0.5);
    }
}
