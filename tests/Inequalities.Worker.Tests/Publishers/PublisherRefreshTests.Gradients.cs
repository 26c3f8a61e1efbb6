using Inequalities.Core.Columnar;
using Inequalities.Lake;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Worker.Tests.Publishers;

/// <summary>
/// The nightly catalogue's gradients: File 8's health indicators, read from the publisher's workbooks, give slopes for
/// the LCR districts, the city region and England on the IoD2025 bases; the IoD2019 ones equal the shared-data lake's
/// (the same values from the real CSV copy of File 8); every briefing is written.
/// </summary>
public sealed partial class PublisherRefreshTests
{
    private static readonly string[] BriefedAreas = [.. Lcr, "E47000004", "E92000001"];
    private static readonly string[] File8Sources = ["iod2025-file8-health", "iod2019-file8-health"];
    private static readonly string[] RatioScale = ["years_of_potential_life_lost", "comparative_illness_and_disability_ratio", "acute_morbidity"];

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_File8WorkbookValuesEqualTheSharedDataLake()
    {
        var publishers = await LsoaValuesAsync(_fixture.Publishers, "iod2019-file8-health");
        var shared = await LsoaValuesAsync(_fixture.Shared, "iod2019-file8-indicators");

        // The health sheet's four indicators for every LSOA 2011 and every LSOA 2021 they were carried to.
        Assert.Equal((32_844 * 4) + (33_755 * 4), publishers.Count);
        Assert.All(publishers, p => Assert.True(shared.TryGetValue(p.Key, out var s) && s == p.Value, $"{p.Key}: publishers {p.Value}, shared {s}"));
        var iod2025 = await LsoaValuesAsync(_fixture.Publishers, "iod2025-file8-health");
        Assert.Equal((33_755 * 4) + (32_844 * 4), iod2025.Count);
        Assert.Contains(("E01006412", 2021, "mental_health"), iod2025.Keys);
    }

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_LcrAndEnglandHaveFile8SlopesOnTheIod2025Bases()
    {
        var rows = await GradientRowsAsync(_fixture.Publishers);

        Assert.Equal(
            ["iod2019/imd/national/lsoa2021", "iod2025/imd/local", "iod2025/imd/national", "iod2025/income/local", "iod2025/income/national"],
            rows.Select(r => r.Basis).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(File8Sources.Order(StringComparer.Ordinal), rows.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal));
        foreach (var area in BriefedAreas)
        {
            foreach (var source in File8Sources)
            {
                // IMD national deciles, IoD2025: a slope for every ratio-scale indicator, with its RII, from at least one method.
                foreach (var indicator in RatioScale)
                {
                    var national = rows.Where(r => r.Area == area && r.Source == source && r.Indicator == indicator && r.Basis == "iod2025/imd/national").ToList();
                    Assert.Contains(national, r => r.Sii is not null && r.SiiLower < r.Sii && r.Sii < r.SiiUpper && r.Rii is > 0);
                }

                // The score is given a slope but no RII (a ratio of two scores centred on zero means nothing).
                var score = rows.Where(r => r.Area == area && r.Source == source && r.Basis == "iod2025/imd/national" && r.Indicator is "mental_health" or "mood_and_anxiety_disorders").ToList();
                Assert.Contains(score, r => r.Sii is not null);
                Assert.All(score, r => Assert.Null(r.Rii));
            }
        }

        // Every row of an LCR area, the city region or England has a slope or says why not.
        Assert.All(rows.Where(r => BriefedAreas.Contains(r.Area)), r => Assert.True(r.Sii is not null || r.Reason is not null, $"{r}"));
        Assert.All(rows.Where(r => r.Area == "E92000001" || (r.Basis.Contains("local", StringComparison.Ordinal) && Lcr.Contains(r.Area))), r => Assert.NotNull(r.Sii));
    }

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_LocalBasesGiveNearlyEveryDistrictAQuantileSlope()
    {
        var rows = (await GradientRowsAsync(_fixture.Publishers)).Where(r => r.Area.StartsWith("E0", StringComparison.Ordinal)).ToList();
        int Slopes(string basis, string method) => rows.Count(r => r.Basis == basis && r.Method == method && r.Sii is not null);

        // 296 districts x 8 series per basis and method (the figures docs/data-sources.md gives): national deciles leave
        // the quantile method without a slope wherever a district has no LSOA in some tenth of England; quantiles within
        // each district do not. The LSOA method misses only the two districts with fewer than 10 LSOAs.
        Assert.All(rows.GroupBy(r => (r.Basis, r.Method)), g => Assert.Equal(296 * 8, g.Count()));
        Assert.Equal(
            [1_168, 1_432, 2_352, 2_360, 1_088],
            new[] { "iod2025/imd/national", "iod2025/income/national", "iod2025/income/local", "iod2025/imd/local", "iod2019/imd/national/lsoa2021" }.Select(b => Slopes(b, "quantile")));
        Assert.All(rows.Select(r => r.Basis).Distinct(), b => Assert.Equal(2_352, Slopes(b, "lsoa")));
    }

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_Iod2019File8SlopesEqualTheSharedDataLake()
    {
        var publishers = await GradientRowsAsync(_fixture.Publishers);
        var shared = (await GradientRowsAsync(_fixture.Shared)).Where(r => r.Source == "iod2019-file8-indicators").ToDictionary(r => (r.Area, r.Indicator, r.Basis, r.Method));

        // The same LSOA values, deprivation, populations and districts: on the two bases both lakes compute, the same slopes.
        var compared = 0;
        foreach (var p in publishers.Where(r => r.Source == "iod2019-file8-health" && r.Basis is "iod2025/imd/national" or "iod2019/imd/national/lsoa2021" && BriefedAreas.Contains(r.Area)))
        {
            var s = shared[(p.Area, p.Indicator, p.Basis, p.Method)];
            Assert.True(Close(p.Sii, s.Sii) && Close(p.SiiLower, s.SiiLower) && Close(p.SiiUpper, s.SiiUpper) && Close(p.Rii, s.Rii) && p.Reason == s.Reason, $"publishers {p}, shared {s}");
            compared++;
        }

        Assert.Equal(BriefedAreas.Length * 4 * 2 * 2, compared);
    }

    [Fact]
    public async Task Refresh_RealCatalogueThroughMirrors_TrendsCompareIod2019WithIod2025OnLsoa2021()
    {
        var trends = await _fixture.Publishers.ReadTableAsync(TableNames.InequalityTrends);
        var area = trends.Strings(InequalityTrendsColumns.AreaCode);
        var source = trends.Strings(InequalityTrendsColumns.SourceId);
        var from = trends.Strings(InequalityTrendsColumns.FromBasis);
        var to = trends.Strings(InequalityTrendsColumns.ToBasis);
        var comparison = trends.Strings(InequalityTrendsColumns.Comparison);

        foreach (var a in BriefedAreas)
        {
            Assert.Contains(Enumerable.Range(0, trends.RowCount), i =>
                area[i] == a && source[i] == "iod2025-file8-health" && comparison[i] == "basis" &&
                from[i] == "iod2019/imd/national/lsoa2021" && to[i] == "iod2025/imd/national");
        }
    }

    [Fact]
    public void Refresh_RealCatalogueThroughMirrors_WritesEveryBriefing()
    {
        var briefs = _fixture.Publishers.Manifest.Briefs ?? [];

        Assert.Equal(
            BriefSettings.DefaultAreas.SelectMany(a => new[] { $"{a} html written", $"{a} pdf written" }),
            briefs.Select(b => $"{b.AreaCode} {b.Format} {b.Status}{(b.Error is null ? string.Empty : ": " + b.Error)}"));
        // Liverpool's headlines are File 8's health indicators on IoD2025 IMD deciles, and its sources box names both workbooks.
        var liverpool = File.ReadAllText(Path.Combine(_fixture.Publishers.Directory, "briefs", "E08000012.html"));
        Assert.Contains("Years of potential life lost indicator", liverpool, StringComparison.Ordinal);
        Assert.Contains("Mental health indicator", liverpool, StringComparison.Ordinal);
        Assert.Contains("IoD2025 IMD, national deciles", liverpool, StringComparison.Ordinal);
        Assert.All(File8Sources, s => Assert.Contains($">{s}<", liverpool, StringComparison.Ordinal));
    }

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(b.Value));

    private static async Task<Dictionary<(string Code, int Vintage, string Indicator), double?>> LsoaValuesAsync(LakeSnapshot snapshot, string sourceId)
    {
        var table = (await snapshot.ReadTableAsync(TableNames.LsoaIndicators)).Where((LsoaIndicatorsColumns.SourceId, sourceId));
        var code = table.Strings(LsoaIndicatorsColumns.LsoaCode);
        var vintage = table.Primitive<int>(LsoaIndicatorsColumns.LsoaVintage);
        var indicator = table.Strings(LsoaIndicatorsColumns.IndicatorId);
        var value = table.Primitive<double>(LsoaIndicatorsColumns.Value);
        var health = new HashSet<string>(["years_of_potential_life_lost", "comparative_illness_and_disability_ratio", "acute_morbidity", "mood_and_anxiety_disorders", "mental_health"], StringComparer.Ordinal);
        return Enumerable.Range(0, table.RowCount)
            .Where(i => health.Contains(indicator[i]!))
            .ToDictionary(i => (code[i]!, vintage[i]!.Value, indicator[i]!), i => value[i]);
    }

    private static async Task<List<GradientRow>> GradientRowsAsync(LakeSnapshot snapshot)
    {
        var t = await snapshot.ReadTableAsync(TableNames.InequalityGradients);
        string[] texts = [InequalityGradientsColumns.SourceId, InequalityGradientsColumns.IndicatorId, InequalityGradientsColumns.AreaCode, InequalityGradientsColumns.Basis, InequalityGradientsColumns.Method, InequalityGradientsColumns.Reason];
        string[] numbers = [InequalityGradientsColumns.Sii, InequalityGradientsColumns.SiiLower, InequalityGradientsColumns.SiiUpper, InequalityGradientsColumns.Rii];
        var text = texts.Select(t.Strings).ToArray();
        var number = numbers.Select(t.Primitive<double>).ToArray();
        return [.. Enumerable.Range(0, t.RowCount).Select(i => new GradientRow(
            text[0][i]!, text[1][i]!, text[2][i]!, text[3][i]!, text[4][i]!, number[0][i], number[1][i], number[2][i], number[3][i], text[5][i]))];
    }

    private sealed record GradientRow(string Source, string Indicator, string Area, string Basis, string Method, double? Sii, double? SiiLower, double? SiiUpper, double? Rii, string? Reason);
}
