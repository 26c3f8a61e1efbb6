using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Charts.Tests;

/// <summary>The Inequalities.Charts package README's example (src/Inequalities.Charts/README.md), run as written on the sample lake.</summary>
[Collection(SampleLakeCollection.Name)]
public sealed class PackageReadmeTests(SampleLakeFixture fixture)
{
    [Fact]
    public async Task PackageReadme_DistrictSummaryExample_WritesTheChartsPngAndSvg()
    {
        using var temp = new TempDirectory();
        var folder = temp.Path;
        LakeSnapshot lake = fixture.Snapshot;

        // README begin
        var chart = await Charts.DistrictSummaryAsync(lake, new DistrictSummaryChartOptions());
        chart.Save(Path.Combine(folder, "district-summary.png"));
        chart.Save(Path.Combine(folder, "district-summary.svg"));
        Console.WriteLine($"{chart.Title}: {chart.Districts.Count} districts");
        // README end

        Assert.Equal(chart.ToPng(), File.ReadAllBytes(Path.Combine(folder, "district-summary.png")));
        Assert.Equal(chart.ToSvg(), File.ReadAllText(Path.Combine(folder, "district-summary.svg")));
        Assert.Equal(6, chart.Districts.Count);
        ReadmeExample.AssertSameAsReadmes("tests/Inequalities.Charts.Tests/PackageReadmeTests.cs", "src/Inequalities.Charts/README.md");
    }
}
