using ScottPlot;

namespace Inequalities.Charts;

/// <summary>What every chart's drawing starts and ends with: a plot with the title, and every label in the bundled font.</summary>
internal static class ChartDrawing
{
    /// <summary>A new plot with the bundled font registered and the title set.</summary>
    public static Plot NewPlot(string title)
    {
        ChartFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title);
        return plot;
    }

    /// <summary>Sets every label to the bundled font; call after all plottables are added.</summary>
    public static Plot Finish(Plot plot)
    {
        plot.Font.Set(ChartFonts.Family);
        plot.Legend.FontName = ChartFonts.Family;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Axes.Title.Label.FontName = ChartFonts.Family;
        return plot;
    }

    /// <summary>A legend entry of text only (no line, marker or fill).</summary>
    public static LegendItem Note(string text) => new() { LabelText = text, LineWidth = 0, MarkerShape = MarkerShape.None };
}
