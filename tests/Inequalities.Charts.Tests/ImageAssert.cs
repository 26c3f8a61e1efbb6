using Inequalities.TestSupport;
using SkiaSharp;

namespace Inequalities.Charts.Tests;

/// <summary>Checks on rendered charts: size, not blank, and close to a committed golden image.</summary>
internal static class ImageAssert
{
    /// <summary>Mean absolute difference per channel allowed against a golden (fraction of 255).</summary>
    public const double GoldenTolerance = 0.02;

    public static string GoldenDirectory => Path.Combine(SharedData.RepoRoot, "tests", "Inequalities.Charts.Tests", "Golden");

    public static void Rendered(ChartResult chart, int width, int height)
    {
        var png = chart.ToPng();
        Assert.True(png.Length > 5_000, $"{chart.Title}: the PNG has only {png.Length} bytes.");
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var variance = LuminanceVariance(bitmap);
        Assert.True(variance > 100, $"{chart.Title}: the image is (nearly) blank: luminance variance {variance:0.0}.");
        Assert.Contains("<svg", chart.ToSvg(), StringComparison.Ordinal);
        Assert.Contains("DejaVu Sans", chart.ToSvg(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Compares with Golden/&lt;name&gt;.png. On failure the actual image is written next to the golden as
    /// &lt;name&gt;.actual.png. With INEQUALITIES_UPDATE_GOLDENS=1 the golden is (re)written first.
    /// </summary>
    public static void MatchesGolden(ChartResult chart, string name) => MatchesGolden(chart.ToPng(), GoldenDirectory, name, GoldenTolerance);

    /// <summary>
    /// Compares a PNG with &lt;directory&gt;/&lt;name&gt;.png by mean absolute difference per channel (fraction of 255);
    /// on failure writes the actual image beside it as &lt;name&gt;.actual.png; INEQUALITIES_UPDATE_GOLDENS=1 rewrites the
    /// golden first. (The briefing tests share this file.)
    /// </summary>
    public static void MatchesGolden(byte[] png, string directory, string name, double tolerance)
    {
        var golden = Path.Combine(directory, name + ".png");
        var actualPath = Path.Combine(directory, name + ".actual.png");
        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable("INEQUALITIES_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllBytes(golden, png);
        }

        if (!File.Exists(golden))
        {
            File.WriteAllBytes(actualPath, png);
            Assert.Fail($"No golden image {golden}; the actual image is at {actualPath} (set INEQUALITIES_UPDATE_GOLDENS=1 to accept it).");
        }

        using var expected = SKBitmap.Decode(golden);
        using var actual = SKBitmap.Decode(png);
        var difference = expected.Width == actual.Width && expected.Height == actual.Height ? MeanAbsoluteDifference(expected, actual) : 1.0;
        if (difference >= tolerance)
        {
            File.WriteAllBytes(actualPath, png);
            Assert.Fail($"{name}: mean absolute difference {difference:P2} from {golden} (tolerance {tolerance:P0}); the actual image is at {actualPath}.");
        }

        File.Delete(actualPath);
    }

    public static double MeanAbsoluteDifference(SKBitmap a, SKBitmap b)
    {
        double sum = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                sum += Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
            }
        }

        return sum / (3.0 * 255 * a.Width * a.Height);
    }

    public static double LuminanceVariance(SKBitmap bitmap)
    {
        double sum = 0, sumSquares = 0;
        var n = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                var l = (0.2126 * p.Red) + (0.7152 * p.Green) + (0.0722 * p.Blue);
                sum += l;
                sumSquares += l * l;
                n++;
            }
        }

        var mean = sum / n;
        return (sumSquares / n) - (mean * mean);
    }
}
