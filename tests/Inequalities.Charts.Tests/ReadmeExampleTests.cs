using Inequalities.Core.Columnar;
using Inequalities.TestSupport;
using ScottPlot;

namespace Inequalities.Charts.Tests;

/// <summary>
/// The README's Charts example (charting a filtered table and adjusting the plot), run on the real-data lake. The
/// code between the README markers below must be the README's example after its first two lines (which open the lake
/// and make the output folder), so the README shows code that compiles and runs.
/// </summary>
[Collection(RealLakeCollection.Name)]
public sealed class ReadmeExampleTests(RealLakeFixture fixture)
{
    [Fact]
    public async Task ChartsExample_FilteredTableAndAdjustedPlot_RunsAndWritesBothImages()
    {
        using var temp = new TempDirectory();
        var lake = fixture.Snapshot;
        var output = temp.Combine("charts");
        Directory.CreateDirectory(output);

        // README begin
        // Liverpool's rows, cut by the analyst: text compares on dictionary ids, numbers as numbers.
        var quantiles = (await lake.ReadTableAsync("inequality_quantiles")).Where(("area_code", "E08000012"), ("quantile_count", 10));
        var gradients = (await lake.ReadTableAsync("inequality_gradients")).Where(("area_code", "E08000012"));
        var chart = Charts.Gradient(quantiles, gradients, new GradientChartOptions
        {
            IndicatorId = "years_of_potential_life_lost", AreaCode = "E08000012", Basis = "iod2019/income/national",
        });

        // The numbers drawn: each decile at its population midpoint, and the slope indices.
        foreach (var decile in chart.Points)
        {
            Console.WriteLine($"decile {decile.Quantile} at {decile.Midpoint:0.00}: {decile.Value:0} ± {decile.HalfInterval:0}");
        }

        Console.WriteLine($"SII {chart.QuantileMethod?.Sii:0.0}, LSOA method {chart.LsoaMethod?.Sii:0.0}");

        // Adjust the ScottPlot plot: WithPlot keeps the chart's title, size and font; ToPlot hands the plot over.
        var top = chart.Points.Max(p => p.Value + p.HalfInterval) * 1.1;
        chart.WithPlot(plot => plot.Axes.SetLimitsY(0, top)).Save(Path.Combine(output, "gradient-from-zero.png"));
        Plot plot = chart.ToPlot();
        plot.Add.Text("Liverpool, 2019", 0.05, top * 0.9).LabelFontName = Charts.FontFamily;
        plot.SavePng(Path.Combine(output, "gradient-annotated.png"), chart.Width, chart.Height);
        // README end

        Assert.Equal(10, chart.Points.Count);
        Assert.True(File.ReadAllBytes(Path.Combine(output, "gradient-from-zero.png")).Length > 5_000);
        Assert.True(File.ReadAllBytes(Path.Combine(output, "gradient-annotated.png")).Length > 5_000);
        Assert.NotEqual(chart.ToPng(), File.ReadAllBytes(Path.Combine(output, "gradient-from-zero.png")));
        // The README block's first two lines open the lake and make the output folder, which the test does its own way.
        const string ThisFile = "tests/Inequalities.Charts.Tests/ReadmeExampleTests.cs";
        Assert.Equal(ReadmeExample.Region(ThisFile), ReadmeExample.Block("README.md", ThisFile, skip: 2));
    }
}
