using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Briefing.Tests;

/// <summary>The Inequalities.Briefing package README's example (src/Inequalities.Briefing/README.md), run as written on the real-data lake.</summary>
[Collection(BriefLakesCollection.Name)]
public sealed class PackageReadmeTests(BriefLakes lakes)
{
    [Fact]
    public async Task PackageReadme_LiverpoolExample_WritesTheBriefsHtml()
    {
        using var temp = new TempDirectory();
        var folder = temp.Path;
        LakeSnapshot lake = lakes.Real;

        // README begin
        var brief = await Briefings.BuildAsync(lake, "E08000012");
        await Briefings.WriteAsync(brief, Path.Combine(folder, "brief-E08000012.html"));
        Console.WriteLine($"{brief.Area.Name}: {brief.Headlines.Count} headline gradients");
        // README end

        Assert.Equal("Liverpool", brief.Area.Name);
        Assert.Equal(brief.ToHtml(), File.ReadAllText(Path.Combine(folder, "brief-E08000012.html")));
        ReadmeExample.AssertSameAsReadmes("tests/Inequalities.Briefing.Tests/PackageReadmeTests.cs", "src/Inequalities.Briefing/README.md");
    }
}
