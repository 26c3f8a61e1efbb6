using Inequalities.Core.Columnar;

namespace Inequalities.Briefing.Tests;

/// <summary>The asset-versus-need section on the sample lake (generated registers): the priority neighbourhoods by name, ward and population.</summary>
[Collection(BriefLakesCollection.Name)]
public sealed class SampleAssetTests(BriefLakes lakes)
{
    [Fact]
    public async Task BuildAsync_SampleCityRegion_ListsEveryHighNeedLowAssetNeighbourhoodWithWardAndPopulation()
    {
        var brief = await Briefings.BuildAsync(lakes.Sample, "E47000004", new BriefOptions { MaxPriorityNeighbourhoods = 1000 });
        var assetNeed = (await lakes.Sample.ReadTableAsync("asset_need")).Where(("cauth_code", "E47000004"), ("quadrant", "high_need_low_assets"));
        var areas = (await lakes.Sample.ReadTableAsync("areas")).Where(("lsoa_vintage", 2021));

        Assert.NotNull(brief.AssetChart);
        Assert.True(assetNeed.RowCount > 0, "The sample lake has no high-need, low-asset neighbourhood to list.");
        Assert.Equal(assetNeed.RowCount, brief.Priority.Count);
        Assert.Equal(assetNeed.RowCount, brief.PriorityTotal.Count);
        var html = brief.ToHtml();
        for (var i = 0; i < assetNeed.RowCount; i++)
        {
            var code = assetNeed.Strings("lsoa_code")[i]!;
            var listed = Assert.Single(brief.Priority, p => p.LsoaCode == code);
            var area = areas.Where(("lsoa_code", code));
            Assert.Equal(area.Strings("lsoa_name")[0], listed.Name);
            Assert.Equal(area.Strings("ward_name")[0], listed.Ward);
            Assert.StartsWith(listed.District, listed.Ward, StringComparison.Ordinal);
            Assert.Equal(assetNeed.Primitive<double>("population")[i], listed.Population);
            Assert.Contains($"<th scope=\"row\">{listed.Name}</th><td>{listed.Ward}</td>", html, StringComparison.Ordinal);
        }

        var needs = brief.Priority.Select(p => p.NeedScore).ToList();
        Assert.Equal(needs.OrderDescending(), needs);
        Assert.Contains("Sample data", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_SampleCityRegion_CutsThePriorityListAndCountsTheRest()
    {
        var brief = await Briefings.BuildAsync(lakes.Sample, "E47000004", new BriefOptions { MaxPriorityNeighbourhoods = 1 });
        var assetNeed = (await lakes.Sample.ReadTableAsync("asset_need")).Where(("cauth_code", "E47000004"), ("quadrant", "high_need_low_assets"));

        Assert.Equal(assetNeed.RowCount, brief.PriorityTotal.Count);
        Assert.True(assetNeed.RowCount > 1, "The sample lake needs two priority neighbourhoods for this test.");
        Assert.Single(brief.Priority);
        Assert.Equal(Enumerable.Range(0, assetNeed.RowCount).Sum(i => assetNeed.Primitive<double>("population")[i] ?? 0), brief.PriorityTotal.Population, 6);
    }
}
