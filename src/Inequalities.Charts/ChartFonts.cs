using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Inequalities.Charts;

/// <summary>
/// The bundled DejaVu Sans (Bitstream Vera licence, Fonts/LICENSE-DejaVu.txt), registered once with ScottPlot so
/// every label uses it and charts render the same on every machine whatever fonts are installed.
/// </summary>
internal static class ChartFonts
{
    /// <summary>The family name every chart sets.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedFontResolver> Resolver = new(() =>
    {
        var resolver = new EmbeddedFontResolver(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        Fonts.FontResolvers.Insert(0, resolver);
        return resolver;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the font with ScottPlot (once per process).</summary>
    public static void EnsureRegistered() => _ = Resolver.Value;

    private static SKTypeface Load(string file)
    {
        var name = "Inequalities.Charts.Fonts." + file;
        using var stream = typeof(ChartFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded font '{name}' is missing from {typeof(ChartFonts).Assembly.GetName().Name}.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font '{name}' could not be loaded by Skia.");
    }

    private sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold1, bool italic) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? (bold1 ? bold : regular) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);
    }
}
