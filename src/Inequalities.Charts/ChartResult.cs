using System.Text;

namespace Inequalities.Charts;

/// <summary>
/// A rendered chart: the same figure as PNG bytes and as SVG text. In a .NET Interactive notebook register it once
/// with <c>Formatter.Register&lt;ChartResult&gt;(c =&gt; c.ToHtml(), "text/html")</c> and charts display inline.
/// </summary>
public sealed class ChartResult
{
    private readonly byte[] _png;

    internal ChartResult(string title, int width, int height, byte[] png, string svg)
    {
        Title = title;
        Width = width;
        Height = height;
        _png = png;
        Svg = svg;
    }

    /// <summary>The chart's title.</summary>
    public string Title { get; }

    /// <summary>The width in pixels.</summary>
    public int Width { get; }

    /// <summary>The height in pixels.</summary>
    public int Height { get; }

    /// <summary>The SVG document.</summary>
    public string Svg { get; }

    /// <summary>The PNG image (a copy).</summary>
    public byte[] ToPng() => (byte[])_png.Clone();

    /// <summary>The SVG document.</summary>
    public string ToSvg() => Svg;

    /// <summary>An HTML <c>&lt;img&gt;</c> element holding the PNG as a data URI, with the title as its alt text.</summary>
    public string ToHtml() =>
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(_png)}\" width=\"{Width}\" height=\"{Height}\" alt=\"{System.Net.WebUtility.HtmlEncode(Title)}\" />";

    /// <summary>Writes the chart to a file: PNG or SVG by the extension (<c>.png</c> or <c>.svg</c>).</summary>
    /// <param name="path">The file to write.</param>
    /// <exception cref="ArgumentException">The extension is neither .png nor .svg.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = Path.GetExtension(path);
        if (string.Equals(extension, ".png", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllBytes(path, _png);
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
}
