using Inequalities.Core.Columnar;
using Inequalities.Lake.Tests.Build;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>
/// The measures of the shared-data lake recomputed from its own tables: walking-distance counts from each LSOA's
/// centre, the asset gap against the need-decile rates with its Poisson interval, and the centres themselves.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeAssetMeasureTests(SharedLakeFixture lake)
{
    [Fact]
    public async Task AssetNeed_EveryLcrLsoaOnce_WithNeedPopulationAndAPostcodeMeanCentre()
    {
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        var boundaries = TestSupport.LcrBoundaries.Lsoa2021.ToDictionary(b => b.Code, StringComparer.Ordinal);

        Assert.Equal(1_003, need.RowCount);
        Assert.Equal(boundaries.Keys.Order(StringComparer.Ordinal), need.Strings("lsoa_code").Select(s => s!).Order(StringComparer.Ordinal));
        for (var i = 0; i < need.RowCount; i++)
        {
            Assert.NotNull(need.Primitive<double>("need_score")[i]);
            Assert.InRange(need.Primitive<int>("need_decile")[i]!.Value, 1, 10);
            Assert.Equal("postcode_mean", need.Strings("centre_basis")[i]);
            Assert.Equal(800, need.Primitive<double>("nearby_metres")[i]);

            // The mean of the postcode points inside an outline lies within its bounding box.
            var box = boundaries[need.Strings("lsoa_code")[i]!];
            Assert.InRange(need.Primitive<double>("centre_longitude")[i]!.Value, box.West, box.East);
            Assert.InRange(need.Primitive<double>("centre_latitude")[i]!.Value, box.South, box.North);
        }
    }

    [Fact]
    public async Task Access_EveryDistanceAndCategory_CountsTheOrganisationsWithinItOfTheCentre()
    {
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        var access = await lake.Snapshot.ReadTableAsync("asset_access");
        var counted = (await lake.Snapshot.ReadTableAsync("assets")).Where(("reject_reason", CellValue.Null));
        var points = Enumerable.Range(0, counted.RowCount)
            .Select(i => (Lat: counted.Primitive<double>("latitude")[i]!.Value, Lon: counted.Primitive<double>("longitude")[i]!.Value, Category: counted.Strings("category")[i]!))
            .ToList();
        var centres = Enumerable.Range(0, need.RowCount).ToDictionary(
            i => need.Strings("lsoa_code")[i]!,
            i => (Lat: need.Primitive<double>("centre_latitude")[i]!.Value, Lon: need.Primitive<double>("centre_longitude")[i]!.Value, Nearby: need.Primitive<int>("assets_nearby")[i]!.Value),
            StringComparer.Ordinal);
        var categories = points.Select(p => p.Category).Distinct().Count() + 1;

        Assert.Equal(1_003 * 2 * categories, access.RowCount);
        for (var i = 0; i < access.RowCount; i++)
        {
            var centre = centres[access.Strings("lsoa_code")[i]!];
            var category = access.Strings("category")[i]!;
            var metres = access.Primitive<double>("distance_metres")[i]!.Value;
            var expected = points.Count(p => (category == "all" || p.Category == category) && Haversine(centre.Lat, centre.Lon, p.Lat, p.Lon) <= metres);
            Assert.Equal(expected, access.Primitive<int>("assets_nearby")[i]);
            if (category == "all" && metres == 800)
            {
                Assert.Equal(expected, centre.Nearby);
            }
        }

        Assert.Equal([800.0, 1600.0], access.Primitive<double>("distance_metres").Values.ToArray().Distinct().Order());
    }

    [Fact]
    public async Task AssetGap_ExpectedFromTheNeedDecileRates_WithThePoissonInterval()
    {
        var need = await lake.Snapshot.ReadTableAsync("asset_need");
        var rows = Enumerable.Range(0, need.RowCount).Select(i => (
            Decile: need.Primitive<int>("need_decile")[i]!.Value,
            Count: need.Primitive<int>("asset_count")[i]!.Value,
            Population: need.Primitive<double>("population")[i]!.Value,
            Expected: need.Primitive<double>("expected_assets")[i]!.Value,
            Gap: need.Primitive<double>("asset_gap")[i]!.Value,
            Lower: need.Primitive<double>("asset_gap_lower")[i]!.Value,
            Upper: need.Primitive<double>("asset_gap_upper")[i]!.Value,
            Assessment: need.Strings("gap_assessment")[i]!)).ToList();

        foreach (var decile in rows.GroupBy(r => r.Decile))
        {
            var rate = decile.Sum(r => r.Count) / decile.Sum(r => r.Population);
            Assert.Equal(decile.Sum(r => r.Count), decile.Sum(r => r.Expected), 1e-9);
            Assert.All(decile, r => Assert.Equal(rate * r.Population, r.Expected, 1e-9));
        }

        Assert.All(rows, r =>
        {
            Assert.Equal(r.Expected - r.Count, r.Gap, 1e-9);
            Assert.True(r.Lower < r.Gap && r.Gap <= r.Upper, $"{r.Lower} < {r.Gap} <= {r.Upper}");
            Assert.Equal(r.Lower > 0 ? "shortfall" : r.Upper < 0 ? "surplus" : "as_expected", r.Assessment);
        });

        // No organisation: the exact 95% limits of a zero count are 0 and -ln(0.025).
        Assert.All(rows.Where(r => r.Count == 0), r =>
        {
            Assert.Equal(r.Expected, r.Upper, 1e-9);
            Assert.Equal(r.Expected + Math.Log(0.025), r.Lower, 1e-6);
        });
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6_371_008.8;
        double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2));
        return 2 * radius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
