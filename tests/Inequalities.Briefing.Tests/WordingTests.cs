using System.Text.Json;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Briefing.Tests;

/// <summary>
/// The wording rules on a hand-made lake: a gradient whose interval includes zero is "no clear difference", never a
/// finding; polarity decides which way is worse; findings are ranked by times England's slope; a lake with slopes but
/// nothing else still gives a page that says what is missing.
/// </summary>
public sealed class WordingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task BuildAsync_HandMadeLake_WordsFindingsPolarityAndNoClearDifference()
    {
        var snapshot = await MiniLakeAsync();

        var brief = await Briefings.BuildAsync(snapshot, "E08000012");

        // A: −5 against England's −2.5 (2 times); C: +4 against +8 (0.5 times); B: interval −1 to 3 includes zero.
        Assert.Equal(["a_rate", "c_score", "b_rate"], brief.Headlines.Select(h => h.IndicatorId));
        var (a, c, b) = (brief.Headlines[0], brief.Headlines[1], brief.Headlines[2]);
        Assert.Equal(2.0, a.TimesEngland!.Value, 12);
        Assert.Equal(EnglandComparison.Steeper, a.Comparison);
        Assert.Equal(
            "A rate: 5.0 higher in the most deprived neighbourhoods of Liverpool than in the least deprived (95% CI 4.0 to 6.0); England: 2.5 (95% CI 2.0 to 3.0). " +
            "Higher is worse, so this is worse for people in more deprived neighbourhoods. The gradient is steeper than England's (2.0 times as steep; the 95% interval of the difference excludes zero).",
            a.Text);
        Assert.Equal(
            "C score: 4.0 higher in the least deprived neighbourhoods of Liverpool than in the most deprived (95% CI 3.0 to 5.0); England: 8.0 (95% CI 7.0 to 9.0). " +
            "Higher is better, so this is worse for people in more deprived neighbourhoods. The gradient is less steep than England's (0.5 times as steep; the 95% interval of the difference excludes zero).",
            c.Text);
        Assert.False(b.IsFinding);
        Assert.Equal(
            "B rate: no clear difference between the most and the least deprived neighbourhoods of Liverpool (slope index of inequality 1.0, 95% CI −1.0 to 3.0, which includes zero); " +
            "England: 0.5 (95% CI 0.2 to 0.8). Higher is worse.",
            b.Text);
        Assert.DoesNotContain("higher in the", b.Text, StringComparison.Ordinal);

        // Slopes but no quantile rows, map, assets or ranks: the page says so rather than failing.
        Assert.Empty(brief.GradientFigures);
        Assert.Null(brief.NeedMap);
        Assert.NotNull(brief.NeedMapMissing);
        Assert.NotNull(brief.AssetsMissing);
        Assert.NotNull(brief.RanksMissing);
        var html = brief.ToHtml();
        Assert.Contains("no gradient chart is shown", html, StringComparison.Ordinal);
        Assert.Contains("class=\"no-clear-difference\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_AreaWithOnlyNullSlopes_ThrowsNoGradientsWithTheReasons()
    {
        var snapshot = await MiniLakeAsync();

        var ex = await Assert.ThrowsAsync<BriefException>(() => Briefings.BuildAsync(snapshot, "E08000011"));

        Assert.Equal(BriefProblem.NoGradients, ex.Problem);
        Assert.Contains("Knowsley", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a deprivation decile has no neighbourhood with a value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToHtml_TextFromTheLake_IsEncodedNotMarkup()
    {
        var snapshot = await MiniLakeAsync(districtName: "Liverpool <script>alert(1)</script> & \"Co\"");

        var html = (await Briefings.BuildAsync(snapshot, "E08000012")).ToHtml();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Liverpool &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;", html, StringComparison.Ordinal);
    }

    private async Task<LakeSnapshot> MiniLakeAsync(string districtName = "Liverpool")
    {
        var lake = _temp.Combine("lake");
        var id = "20261125T020000Z";
        var folder = Path.Combine(lake, "snapshots", id);
        Directory.CreateDirectory(folder);
        string[] lsoas = ["E01000001", "E01000002", "E01000003"];
        var areas = new TableBuilder("areas")
            .Add("lsoa_code", lsoas)
            .Add("lsoa_name", ["Liverpool 001A", "Liverpool 001B", "Knowsley 001A"])
            .Add<int>("lsoa_vintage", [2021, 2021, 2021])
            .Add("lad_code", ["E08000012", "E08000012", "E08000011"])
            .Add("lad_name", [districtName, districtName, "Knowsley"])
            .Add("cauth_code", ["E47000004", "E47000004", "E47000004"])
            .Add("region_code", ["E12000002", "E12000002", "E12000002"])
            .AddNullable<double>("population", [1500.0, 1600.0, 1700.0])
            .Build();
        // (area, indicator, sii, lower, upper, polarity, reason)
        (string, string, double?, double?, double?, string, string?)[] rows =
        [
            ("E08000012", "a_rate", -5, -6, -4, "higher_is_worse", null),
            ("E08000012", "b_rate", 1, -1, 3, "higher_is_worse", null),
            ("E08000012", "c_score", 4, 3, 5, "higher_is_better", null),
            ("E92000001", "a_rate", -2.5, -3, -2, "higher_is_worse", null),
            ("E92000001", "b_rate", 0.5, 0.2, 0.8, "higher_is_worse", null),
            ("E92000001", "c_score", 8, 7, 9, "higher_is_better", null),
            ("E08000011", "a_rate", null, null, null, "higher_is_worse", "missing_quantile"),
        ];
        var n = rows.Length;
        var gradients = new TableBuilder("inequality_gradients")
            .Add("source_id", Enumerable.Repeat("hand-made", n))
            .Add("indicator_id", rows.Select(r => r.Item2))
            .Add("period", Enumerable.Repeat("2024", n))
            .Add("area_code", rows.Select(r => r.Item1))
            .Add("basis", Enumerable.Repeat("iod2025/imd/national", n))
            .Add<int>("quantile_count", Enumerable.Repeat(10, n).ToArray())
            .AddNullable<double>("sii", rows.Select(r => r.Item3).ToArray())
            .AddNullable<double>("sii_lower", rows.Select(r => r.Item4).ToArray())
            .AddNullable<double>("sii_upper", rows.Select(r => r.Item5).ToArray())
            .AddNullable<double>("rii", new double?[n])
            .AddNullable<double>("rii_lower", new double?[n])
            .AddNullable<double>("rii_upper", new double?[n])
            .AddNullable<double>("confidence", Enumerable.Repeat<double?>(0.95, n).ToArray())
            .Add("method", Enumerable.Repeat("quantile", n))
            .Add("reason", rows.Select(r => r.Item7))
            .Add("polarity", rows.Select(r => r.Item6))
            .Build();
        var quantiles = new TableBuilder("inequality_quantiles")
            .Add("source_id", Array.Empty<string>()).Add("indicator_id", Array.Empty<string>()).Add("period", Array.Empty<string>())
            .Add("area_code", Array.Empty<string>()).Add("basis", Array.Empty<string>()).Add<int>("quantile_count", [])
            .Add<int>("quantile", []).AddNullable<double>("population", []).AddNullable<double>("value", []).AddNullable<double>("se", [])
            .Build();
        var tables = new List<TableEntry>();
        foreach (var table in new[] { areas, gradients, quantiles })
        {
            await using (var stream = File.Create(Path.Combine(folder, table.Name + ".parquet")))
            {
                await ParquetTableWriter.WriteAsync(table, stream);
            }

            tables.Add(new TableEntry { Name = table.Name, Path = table.Name + ".parquet", Rows = table.RowCount });
        }

        var manifest = new SnapshotManifest
        {
            SnapshotId = id, CreatedAt = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero), ToolVersion = "test", Sources = [], Tables = tables,
        };
        await File.WriteAllBytesAsync(Path.Combine(folder, "manifest.json"), JsonSerializer.SerializeToUtf8Bytes(manifest, SnapshotManifest.JsonOptions));
        await File.WriteAllTextAsync(Path.Combine(lake, "current"), id + "\n");
        return LakeSnapshot.OpenCurrent(lake);
    }
}
