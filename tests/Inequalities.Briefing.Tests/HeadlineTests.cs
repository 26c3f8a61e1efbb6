using Inequalities.Core.Columnar;
using Inequalities.Core.Inequality;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Briefing.Tests;

/// <summary>The headline sentences on the real-data lake: every number is the lake's row, chosen and ranked by the stated rules.</summary>
[Collection(BriefLakesCollection.Name)]
public sealed class HeadlineTests(BriefLakes lakes)
{
    [Fact]
    public async Task BuildAsync_Liverpool_EveryHeadlineIsTheLakesRowAndEnglandsForTheSameBasisAndMethod()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E08000012");
        var gradients = await lakes.Real.ReadTableAsync("inequality_gradients");

        Assert.Equal("Liverpool", brief.Area.Name);
        Assert.Equal(5, brief.Headlines.Count);
        foreach (var h in brief.Headlines)
        {
            // The choice rule on this lake: newest index's IMD national deciles, quantile method (Liverpool has every decile).
            Assert.Equal("iod2025/imd/national", h.Basis);
            Assert.Equal("quantile", h.Method);
            AssertRow(gradients, "E08000012", h, h.Area);
            Assert.NotNull(h.England);
            AssertRow(gradients, "E92000001", h, h.England!);
        }
    }

    [Fact]
    public async Task BuildAsync_Knowsley_UsesTheLsoaMethodWhereTheQuantileMethodHasNoValue()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E08000011");
        var gradients = await lakes.Real.ReadTableAsync("inequality_gradients");

        Assert.NotEmpty(brief.Headlines);
        foreach (var h in brief.Headlines)
        {
            var quantile = gradients.Where(("area_code", "E08000011"), ("indicator_id", h.IndicatorId), ("basis", h.Basis), ("method", "quantile"));
            Assert.Null(quantile.Primitive<double>("sii")[0]);
            Assert.Equal("lsoa", h.Method);
            AssertRow(gradients, "E08000011", h, h.Area);
            AssertRow(gradients, "E92000001", h, h.England!);
        }

        Assert.Contains("LSOA method", brief.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_CombinedAuthority_RanksFindingsByHowManyTimesAsSteepAsEngland()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E47000004");

        Assert.Equal("Liverpool City Region", brief.Area.Name);
        var times = brief.Headlines.Select(h => h.TimesEngland!.Value).ToList();
        Assert.Equal(times.OrderDescending(), times);
        foreach (var h in brief.Headlines)
        {
            Assert.True(h.IsFinding);
            Assert.Equal(Math.Abs(h.Area.Sii) / Math.Abs(h.England!.Sii), h.TimesEngland!.Value, 12);
            var change = InequalityChange.Between(h.England.Sii, h.England.StandardError, h.Area.Sii, h.Area.StandardError);
            var expected = change.Lower <= 0 && change.Upper >= 0 ? EnglandComparison.NotClearlyDifferent
                : Math.Abs(h.Area.Sii) > Math.Abs(h.England.Sii) ? EnglandComparison.Steeper : EnglandComparison.LessSteep;
            Assert.Equal(expected, h.Comparison);
            // Every indicator here is higher where deprivation is higher, and higher is worse.
            Assert.Equal("most_minus_least", h.Frame);
            Assert.Contains("worse for people in more deprived neighbourhoods", h.Text, StringComparison.Ordinal);
        }

        Assert.Equal(3, brief.GradientFigures.Count);
        Assert.Equal(brief.Headlines.Take(3).Select(h => $"{h.Rank}. {h.IndicatorName}"), brief.GradientFigures.Select(f => f.Heading));
    }

    [Fact]
    public async Task BuildAsync_LiverpoolOnTheRealLake_ListsTheRealHighNeedLowAssetNeighbourhoodsAndMapsRealNeed()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E08000012");
        var html = brief.ToHtml();

        // The real registers (Co-operatives UK, placed through Code-Point Open) give the asset section.
        Assert.NotNull(brief.AssetChart);
        Assert.Null(brief.AssetsMissing);
        var need = (await lakes.Real.ReadTableAsync("asset_need")).Where(("lad_code", "E08000012"), ("quadrant", "high_need_low_assets"));
        Assert.Equal(need.RowCount, brief.PriorityTotal.Count);
        Assert.Equal(need.Primitive<double>("population").Values.ToArray().Sum(), brief.PriorityTotal.Population, 1e-6);
        var listed = need.Strings("lsoa_code").Select(c => c!).ToHashSet(StringComparer.Ordinal);
        Assert.All(brief.Priority, p => Assert.Contains(p.LsoaCode, listed));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(brief.Priority[0].Name), html, StringComparison.Ordinal);
        Assert.Contains("coops-uk-2023", brief.Sources.Select(s => s.Id));

        Assert.NotNull(brief.NeedMap);
        var map = (Charts.ChoroplethChart)brief.NeedMap!.Chart;
        Assert.Equal(brief.Area.Lsoas[2021], map.Areas.Count);
        var top = brief.HighestNeed[0];
        Assert.Equal(map.Areas.Max(a => a.Value), top.NeedScore);
        Assert.NotNull(top.Ward);
        Assert.NotNull(brief.DistrictRanks);
    }

    [Fact]
    public async Task BuildAsync_England_HasNoEnglandComparisonAndSaysWhatIsMissing()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E92000001");

        Assert.Equal("England", brief.Area.Name);
        Assert.All(brief.Headlines, h => Assert.Null(h.England));
        Assert.All(brief.Headlines, h => Assert.DoesNotContain("England:", h.Text, StringComparison.Ordinal));
        Assert.Null(brief.NeedMap);
        Assert.Contains("boundary files cover", brief.NeedMapMissing, StringComparison.Ordinal);
        Assert.Null(brief.DistrictRanks);
        Assert.Contains("whole of the district ranking", brief.RanksMissing, StringComparison.Ordinal);
        Assert.Contains("<h2", brief.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_UnknownAreaOrNoLake_ThrowsNamingTheProblem()
    {
        var unknown = await Assert.ThrowsAsync<BriefException>(() => Briefings.BuildAsync(lakes.Real, "E08000099"));
        Assert.Equal(BriefProblem.UnknownArea, unknown.Problem);
        Assert.Contains("E08000099", unknown.Message, StringComparison.Ordinal);

        var none = await Assert.ThrowsAsync<BriefException>(() => Briefings.BuildAsync(lakes.Combine("no-lake"), "E08000012"));
        Assert.Equal(BriefProblem.NoLake, none.Problem);
        Assert.Contains("no published snapshot", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_Sources_ComeFromTheManifestWithEditionAndAttribution()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E08000012");
        var byId = brief.Sources.ToDictionary(s => s.Id);

        foreach (var id in new[] { "iod2025", "iod2019-file8-indicators", "loneliness-lsoa21", "boundaries-lsoa21", "lookup-lsoa21-ward24-lad24", "population-census2021-lsoa21" })
        {
            Assert.True(byId.ContainsKey(id), $"The sources box lacks {id}: {string.Join(", ", byId.Keys)}");
        }

        var manifest = lakes.Real.Manifest.Sources.ToDictionary(s => s.Id);
        foreach (var source in brief.Sources)
        {
            Assert.Equal(manifest[source.Id].Period, source.Edition);
            Assert.Equal(manifest[source.Id].Attribution, source.Attribution);
            Assert.Equal(manifest[source.Id].RetrievedAt, source.RetrievedAt);
        }

        Assert.Equal("December 2021 (BSC V4)", byId["boundaries-lsoa21"].Edition);
        Assert.StartsWith("Source: Office for National Statistics", byId["boundaries-lsoa21"].Attribution, StringComparison.Ordinal);
        Assert.Equal(Sources.Catalogue.Attribution.OpenGovernmentLicence, byId["iod2025"].Attribution);
        Assert.DoesNotContain("cni2019-ward", byId.Keys);
    }

    internal static void AssertRow(Table gradients, string area, Headline h, GradientValue value)
    {
        var rows = gradients.Where(
            ("area_code", area), ("source_id", h.SourceId), ("indicator_id", h.IndicatorId), ("period", h.Period), ("basis", h.Basis),
            ("quantile_count", h.QuantileCount), ("method", h.Method));
        Assert.Equal(1, rows.RowCount);
        Assert.Equal(rows.Primitive<double>("sii")[0], value.Sii);
        Assert.Equal(rows.Primitive<double>("sii_lower")[0], value.Lower);
        Assert.Equal(rows.Primitive<double>("sii_upper")[0], value.Upper);
        Assert.Equal(rows.Primitive<double>("sii_se")[0], value.StandardError);
    }
}
