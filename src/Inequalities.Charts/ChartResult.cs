using System.Text;
using ScottPlot;

namespace Inequalities.Charts;

/// <summary>
/// A chart: the numbers it shows (on each kind: <see cref="GradientChart"/>, <see cref="AssetNeedChart"/>,
/// <see cref="ChoroplethChart"/>, <see cref="DistrictSummaryChart"/>, <see cref="TrendChart"/>,
/// <see cref="SiiTrendChart"/>), the ScottPlot <see cref="Plot"/> that draws them (<see cref="ToPlot"/>, to adjust),
/// and the figure as PNG bytes and SVG text, rendered once on first use. In a .NET Interactive notebook register it
/// once with <c>Formatter.Register&lt;ChartResult&gt;(c =&gt; c.ToHtml(), "text/html")</c> and charts display inline.
/// </summary>
public abstract class ChartResult
{
    private readonly Lazy<(byte[] Png, string Svg)> _images;

    private protected ChartResult(string title, int width, int height)
    {
        Title = title;
        Width = width;
        Height = height;
        _images = new Lazy<(byte[], string)>(Render, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>The SVG document.</summary>
    public string Svg => _images.Value.Svg;

    /// <summary>
    /// A new ScottPlot <see cref="Plot"/> drawing this chart, every label in the bundled DejaVu Sans
    /// (<see cref="Charts.FontFamily"/>), for adjusting (axis limits, annotations, styles) and saving with ScottPlot
    /// (<c>plot.SavePng(path, Width, Height)</c>). Each call gives a new plot; adjusting it does not change this chart's
    /// images (for that, see <see cref="WithPlot"/>).
    /// </summary>
    public abstract Plot ToPlot();

    /// <summary>
    /// This chart with <paramref name="adjust"/> applied to its plot before rendering: the same title and size, and
    /// images that show the adjustment. Text added by <paramref name="adjust"/> uses ScottPlot's default font unless it
    /// sets <see cref="Charts.FontFamily"/>.
    /// </summary>
    /// <param name="adjust">Changes the plot, e.g. <c>plot =&gt; plot.Axes.SetLimitsY(0, 100)</c>.</param>
    public ChartResult WithPlot(Action<Plot> adjust)
    {
        ArgumentNullException.ThrowIfNull(adjust);
        return new AdjustedChart(this, adjust);
    }

    /// <summary>The PNG image (a copy).</summary>
    public byte[] ToPng() => (byte[])_images.Value.Png.Clone();

    /// <summary>The SVG document.</summary>
    public string ToSvg() => Svg;

    /// <summary>An HTML <c>&lt;img&gt;</c> element holding the PNG as a data URI, with the title as its alt text.</summary>
    public string ToHtml() =>
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(_images.Value.Png)}\" width=\"{Width}\" height=\"{Height}\" alt=\"{System.Net.WebUtility.HtmlEncode(Title)}\" />";

    /// <summary>Writes the chart to a file: PNG or SVG by the extension (<c>.png</c> or <c>.svg</c>).</summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = Path.GetExtension(path);
        if (string.Equals(extension, ".png", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(path, _images.Value.Png);
        }
        else if (string.Equals(extension, ".svg", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, Svg, new UTF8Encoding(false));
        }
        else
        {
            throw new ArgumentException($"The chart file '{path}' must end in .png or .svg, not '{extension}'.", nameof(path));
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Title} ({Width}×{Height})";

    private (byte[], string) Render()
    {
        // PNG first, then SVG, from one plot: the order the images have always been made in.
        var plot = ToPlot();
        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        var svg = plot.GetSvgXml(Width, Height);
        return (png, svg);
    }

    /// <summary>A chart whose plot is adjusted by the caller before rendering.</summary>
    private sealed class AdjustedChart(ChartResult chart, Action<Plot> adjust) : ChartResult(chart.Title, chart.Width, chart.Height)
    {
        public override Plot ToPlot()
        {
            var plot = chart.ToPlot();
            adjust(plot);
            return plot;
        }
    }
}
