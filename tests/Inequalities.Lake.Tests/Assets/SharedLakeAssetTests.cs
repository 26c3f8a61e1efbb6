using Inequalities.Core.Columnar;
using Inequalities.Lake.Tests.Build;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>
/// Issue 13's "Done when" on the lake of tests/data-sources.shared.yml: the real Co-operatives UK registers (2023 and
/// 2017) placed through the real OS Code-Point Open files and LCR LSOA 2021 boundaries, checked against those files
/// read test-side (<see cref="SharedRegisters"/>).
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeAssetTests(SharedLakeFixture lake)
{
    private static readonly string[] AssetTables =
        ["assets", "asset_rejects", "asset_merges", "asset_categories", "asset_need", "asset_access", "asset_need_deciles", "asset_need_summary", "asset_category_summary"];

    [Fact]
    public void Refresh_RealRegisters_PublishesEveryAssetTable()
    {
        var names = lake.Snapshot.Manifest.Tables.Select(t => t.Name).ToList();

        Assert.All(AssetTables, t => Assert.Contains(t, names));
        var assets = lake.Snapshot.Manifest.Tables.Single(t => t.Name == "assets");
        Assert.Contains("coops-uk-2023", assets.Sources);
        Assert.Contains("codepoint-open-l", assets.Sources);
    }

    [Fact]
    public async Task Coops2023_LcrOrganisations_AtLeast125Of128PlacedInAnLcrLsoa()
    {
        // The LCR organisations of the file: those whose postcode Code-Point puts in one of the six districts.
        var lcr = SharedRegisters.Coops2023.Where(r => SharedRegisters.DistrictOf(r["Postcode"]) is { } d && SharedRegisters.LcrDistricts.Contains(d)).Select(r => r["Identifier"]).ToHashSet(StringComparer.Ordinal);
        var lcrLsoas = await LcrLsoasAsync();
        var assets = (await lake.Snapshot.ReadTableAsync("assets")).Where(("source_id", "coops-uk-2023"));
        var id = assets.Strings("asset_id");
        var lsoa = assets.Strings("lsoa_code");
        var reject = assets.Strings("reject_reason");

        var placed = Enumerable.Range(0, assets.RowCount).Count(i => lcr.Contains(id[i]!) && lsoa[i] is { } l && lcrLsoas.Contains(l) && reject[i] is null);

        Assert.Equal(128, lcr.Count);
        Assert.InRange(placed, 125, 128);
        Assert.Equal(placed, Enumerable.Range(0, assets.RowCount).Count(i => reject[i] is null));
    }

    [Fact]
    public async Task Assets_EveryPlacedOrganisation_InItsPostcodesCodePointDistrict()
    {
        var assets = (await lake.Snapshot.ReadTableAsync("assets")).Where(("reject_reason", CellValue.Null));
        var postcode = assets.Strings("postcode");
        var lad = assets.Strings("lad_code");
        var lsoa = assets.Strings("lsoa_code");

        Assert.True(assets.RowCount >= 125, $"only {assets.RowCount} organisations are counted");
        for (var i = 0; i < assets.RowCount; i++)
        {
            Assert.NotNull(lsoa[i]);
            Assert.Equal(SharedRegisters.DistrictOf(postcode[i]!), lad[i]);
        }
    }

    [Fact]
    public async Task Coops2017_DeadOrganisations_ExcludedAndCountedInTheRejectsAsDissolved()
    {
        var dead = SharedRegisters.Coops2017.Where(r => r["Registered Status"] == "Dead").Select(r => r["CUK Organisation ID"]).ToHashSet(StringComparer.Ordinal);
        var rejects = (await lake.Snapshot.ReadTableAsync("asset_rejects")).Where(("source_id", "coops-uk-2017"), ("reason", "dissolved"));
        var counted = (await lake.Snapshot.ReadTableAsync("assets")).Where(("reject_reason", CellValue.Null));

        Assert.Equal(1_557, dead.Count);
        Assert.Equal(dead.Order(StringComparer.Ordinal), rejects.Strings("asset_id").Select(s => s!).Order(StringComparer.Ordinal));
        Assert.All(rejects.Strings("detail"), d => Assert.Equal("status 'Dead'", d));
        Assert.DoesNotContain(counted.Strings("asset_id"), a => dead.Contains(a!));
    }

    [Fact]
    public async Task Merges_The2017EditionsLiveRows_MergedIntoThe2023RowsOrSuperseded()
    {
        var ids2023 = SharedRegisters.Coops2023.Select(r => r["Identifier"]).ToHashSet(StringComparer.Ordinal);
        var live = SharedRegisters.Coops2017.Where(r => r["Registered Status"] == "Live").Select(r => r["CUK Organisation ID"]).ToList();
        var merges = await lake.Snapshot.ReadTableAsync("asset_merges");
        var rejects = (await lake.Snapshot.ReadTableAsync("asset_rejects")).Where(("source_id", "coops-uk-2017"), ("reason", "not_in_latest_edition"));

        Assert.Equal(live.Count(ids2023.Contains), merges.RowCount);
        Assert.All(Enumerable.Range(0, merges.RowCount), i =>
        {
            Assert.Equal("coops-uk-2023", merges.Strings("source_id")[i]);
            Assert.Equal("coops-uk-2017", merges.Strings("merged_source_id")[i]);
            Assert.Contains(merges.Strings("rule")[i], new[] { "company_number", "register_id" });
            if (merges.Strings("rule")[i] == "register_id")
            {
                Assert.Equal(merges.Strings("asset_id")[i], merges.Strings("merged_asset_id")[i]);
            }
        });
        Assert.Equal(live.Where(id => !ids2023.Contains(id)).Order(StringComparer.Ordinal), rejects.Strings("asset_id").Select(s => s!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Summary_CombinedAuthorityAndSixDistricts_TotalsEqualThePlacedAssets()
    {
        var summary = await lake.Snapshot.ReadTableAsync("asset_need_summary");
        var counted = (await lake.Snapshot.ReadTableAsync("assets")).Where(("reject_reason", CellValue.Null), ("in_study_area", true));
        var byDistrict = counted.Strings("lad_code").GroupBy(l => l!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = Enumerable.Range(0, summary.RowCount).ToDictionary(i => summary.Strings("area_code")[i]!, StringComparer.Ordinal);

        Assert.Equal(["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015", "E47000004"], rows.Keys.Order(StringComparer.Ordinal));
        foreach (var district in SharedRegisters.LcrDistricts)
        {
            Assert.Equal(byDistrict.GetValueOrDefault(district), summary.Primitive<int>("asset_count")[rows[district]]);
        }

        var ca = rows["E47000004"];
        Assert.Equal(counted.RowCount, summary.Primitive<int>("asset_count")[ca]);
        Assert.Equal(1_003, summary.Primitive<int>("lsoas")[ca]);
        Assert.Equal(1_551_821, summary.Primitive<double>("population")[ca]!.Value, 1e-6);
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        Assert.Equal(counted.RowCount, need.Primitive<int>("asset_count").Values.ToArray().Sum());
    }

    [Fact]
    public async Task Categories_LcrCounts_FollowTheSectorsOfThe2023File()
    {
        var counted = (await lake.Snapshot.ReadTableAsync("assets")).Where(("reject_reason", CellValue.Null));
        var sectors = SharedRegisters.Coops2023.ToDictionary(r => r["Identifier"], r => (Sector: r["Sector"], Name: r["Name"]), StringComparer.Ordinal);
        var summary = (await lake.Snapshot.ReadTableAsync("asset_category_summary")).Where(("area_code", "E47000004"));
        var category = counted.Strings("category");
        var id = counted.Strings("asset_id");

        // Housing co-operatives are the register's largest LCR sector; credit unions are finance wherever Co-ops UK files them.
        for (var i = 0; i < counted.RowCount; i++)
        {
            var (sector, name) = sectors[id[i]!];
            if (name.Contains("credit union", StringComparison.OrdinalIgnoreCase) || sector == "Finance")
            {
                Assert.Equal("finance_and_credit_unions", category[i]);
            }
            else if (sector == "Housing")
            {
                Assert.Equal("housing", category[i]);
            }
            else if (sector == "Sports and Recreation")
            {
                Assert.Equal("sport", category[i]);
            }
        }

        var total = summary.Primitive<int>("asset_count").Values.ToArray().Sum();
        Assert.Equal(counted.RowCount, total);
        var housing = Enumerable.Range(0, summary.RowCount).Single(i => summary.Strings("category")[i] == "housing");
        Assert.Equal(category.Count(c => c == "housing"), summary.Primitive<int>("asset_count")[housing]);
        Assert.Equal(Enumerable.Range(0, summary.RowCount).MaxBy(i => summary.Primitive<int>("asset_count")[i]), housing);
    }

    private async Task<HashSet<string>> LcrLsoasAsync()
    {
        var areas = (await lake.Snapshot.ReadTableAsync("areas")).Where(("lsoa_vintage", 2021), ("cauth_code", "E47000004"));
        return areas.Strings("lsoa_code").Select(s => s!).ToHashSet(StringComparer.Ordinal);
    }
}
