using Inequalities.Charts;
using Inequalities.Core.Columnar;

namespace Inequalities.Briefing.Tests;

/// <summary>
/// The asset section of real-data briefings: the registered organisations it lists (the real Co-operatives UK
/// register on the real-data lake) are the ones the lake's tables count, category by category.
/// </summary>
[Collection(BriefLakesCollection.Name)]
public sealed class RealAssetTests(BriefLakes lakes)
{
    [Theory]
    [InlineData("E08000012")]
    [InlineData("E47000004")]
    public async Task BuildAsync_RealLake_ListsTheOrganisationsTheTablesCountByCategory(string area)
    {
        var brief = await Briefings.BuildAsync(lakes.Real, area);
        var summary = (await lakes.Real.ReadTableAsync("asset_category_summary")).Where(("area_code", area));
        var counted = Enumerable.Range(0, summary.RowCount).Where(i => summary.Primitive<int>("asset_count")[i] > 0).ToList();
        var total = (await lakes.Real.ReadTableAsync("asset_need_summary")).Where(("area_code", area));

        // asset_category_summary, row by row.
        Assert.Equal(
            counted.Select(i => (summary.Strings("category")[i]!, summary.Primitive<int>("asset_count")[i]!.Value)).Order(),
            brief.Organisations.Select(o => (o.Category, o.Organisations)).Order());
        foreach (var i in counted)
        {
            var listed = Assert.Single(brief.Organisations, o => o.Category == summary.Strings("category")[i]);
            Assert.Equal(summary.Primitive<double>("assets_per_10k")[i]!.Value, listed.Per10k, 9);
            Assert.Equal(summary.Primitive<double>("population_with_nearby")[i], listed.ResidentsNearby);
        }

        // The same organisations as the assets table and the area's total in asset_need_summary.
        var lsoas = (await lakes.Real.ReadTableAsync("asset_need")).Where((area.StartsWith("E47", StringComparison.Ordinal) ? "cauth_code" : "lad_code", area))
            .Strings("lsoa_code").Select(c => c!).ToHashSet(StringComparer.Ordinal);
        var assets = await lakes.Real.ReadTableAsync("assets");
        var byCategory = Enumerable.Range(0, assets.RowCount)
            .Where(i => assets.Strings("reject_reason")[i] is null && assets.Strings("lsoa_code")[i] is { } c && lsoas.Contains(c))
            .GroupBy(i => assets.Strings("category")[i]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(byCategory.OrderBy(p => p.Key), brief.Organisations.ToDictionary(o => o.Category, o => o.Organisations).OrderBy(p => p.Key));
        Assert.Equal(total.Primitive<int>("asset_count")[0], brief.Organisations.Sum(o => o.Organisations));
        Assert.Equal(brief.Organisations.OrderByDescending(o => o.Organisations).Select(o => o.Organisations), brief.Organisations.Select(o => o.Organisations));

        // The map draws them over the high-need, low-asset neighbourhoods the summary counts.
        var map = Assert.IsType<AssetNeedMapChart>(brief.OrganisationMap!.Chart);
        Assert.Equal(brief.Organisations.Sum(o => o.Organisations), map.Organisations.Count);
        Assert.Equal(total.Primitive<int>("high_need_low_asset_lsoas")[0], map.HighNeedLowAssets.Count);
        Assert.Equal(brief.Organisations.Count + 1, brief.OrganisationMap.Table.Rows.Count);
        Assert.Contains(brief.OrganisationMap.Notes, n => n.Contains("coops-uk-2023 (Co-operatives UK", StringComparison.Ordinal));
        Assert.Null(brief.OrganisationsMissing);

        // And the page prints them.
        var html = brief.ToHtml();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(brief.OrganisationMap.Table.Caption), html, StringComparison.Ordinal);
        foreach (var o in brief.Organisations)
        {
            Assert.Contains($"<th scope=\"row\">{System.Net.WebUtility.HtmlEncode(o.Label)}</th><td>{o.Organisations:#,##0}</td>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BuildAsync_LiverpoolOnTheRealLake_NamesTheRegisterWithItsEditionInTheSources()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E08000012");

        var register = Assert.Single(brief.Sources, s => s.Id == "coops-uk-2023");
        Assert.StartsWith("Co-operatives UK", register.Publisher, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(register.Edition));
        Assert.Contains(register.Edition!, brief.OrganisationMap!.Notes[0], StringComparison.Ordinal);
        Assert.Contains("housing", brief.Organisations.Select(o => o.Category));
    }
}
