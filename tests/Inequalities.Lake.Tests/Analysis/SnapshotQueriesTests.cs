using Inequalities.Core.Columnar;
using Inequalities.Lake.Analysis;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Analysis;

public sealed class SnapshotQueriesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WhereIn_SomeCodes_KeepsMatchingRowsInOrderAndDropsNulls()
    {
        var table = Areas();

        var kept = table.WhereIn("lad_code", ["E08000012", "E08000011"]);

        Assert.Equal(["L1", "K1", "L2"], Enumerable.Range(0, kept.RowCount).Select(i => kept.Strings("lsoa_code")[i]));
        Assert.Equal(table.Columns.Count, kept.Columns.Count);
    }

    [Fact]
    public void WhereIn_NotAStringColumn_ThrowsNamingTableAndColumns()
    {
        var ex = Assert.Throws<ArgumentException>(() => Areas().WhereIn("lsoa_vintage", ["2011"]));

        Assert.StartsWith("Table 'areas' has no string column 'lsoa_vintage'. Columns: lsoa_code (String), lad_code (String), cauth_code (String), region_code (String), lsoa_vintage (Int32).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DistrictCodesAsync_CombinedAuthorityAndRegion_ReturnsSortedDistinctDistricts()
    {
        var snapshot = await PublishAsync(Areas());

        Assert.Equal(["E08000011", "E08000012"], await snapshot.DistrictCodesAsync(SnapshotQueries.LiverpoolCityRegion));
        Assert.Equal(["E06000001", "E08000011", "E08000012"], await snapshot.DistrictCodesAsync("E12000002"));
    }

    [Fact]
    public async Task LsoaCodesAsync_CombinedAuthorityAndDistrict_ReturnsSortedLsoasOfBothVintages()
    {
        var snapshot = await PublishAsync(Areas());

        Assert.Equal(["K1", "L1", "L2", "X1"], await snapshot.LsoaCodesAsync(SnapshotQueries.LiverpoolCityRegion));
        Assert.Equal(["L1", "L2"], await snapshot.LsoaCodesAsync("E08000012"));
    }

    [Fact]
    public async Task DistrictCodesAsync_UnknownArea_ThrowsNamingIt()
    {
        var snapshot = await PublishAsync(Areas());

        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => snapshot.DistrictCodesAsync("E47000099"));

        Assert.Equal("Snapshot 20261125T020000Z: no LSOA in 'areas' has cauth_code 'E47000099'.", ex.Message);
    }

    [Fact]
    public async Task ReadTableAsync_WithCodes_ReadsAndFilters()
    {
        var snapshot = await PublishAsync(Areas());

        var table = await snapshot.ReadTableAsync("areas", "cauth_code", [SnapshotQueries.LiverpoolCityRegion]);

        Assert.Equal(4, table.RowCount);
        Assert.All(Enumerable.Range(0, table.RowCount), i => Assert.Equal("E47000004", table.Strings("cauth_code")[i]));
    }

    [Fact]
    public void Number_IntLongDoubleAndNull_ReadsEachAsDouble()
    {
        var table = new TableBuilder("t")
            .Add<int>("n", [3, 7])
            .Add<long>("big", [5_000_000_000, 1])
            .AddNullable<double>("value", [1.5, null])
            .Build();

        Assert.Equal([3d, 7d], [table.Number("n", 0), table.Number("n", 1)]);
        Assert.Equal(5e9, table.Number("big", 0));
        Assert.Equal(1.5, table.Number("value", 0));
        Assert.True(double.IsNaN(table.Number("value", 1)));
    }

    [Fact]
    public void Number_StringColumn_ThrowsNamingTableAndColumn()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Areas().Number("lad_code", 0));

        Assert.Equal("Table 'areas' column 'lad_code' is String, not a number.", ex.Message);
    }

    private static Table Areas() => new TableBuilder("areas")
        .Add("lsoa_code", ["L1", "H1", "K1", "X1", "L2"])
        .Add("lad_code", ["E08000012", "E06000001", "E08000011", null, "E08000012"])
        .Add("cauth_code", ["E47000004", null, "E47000004", "E47000004", "E47000004"])
        .Add("region_code", ["E12000002", "E12000002", "E12000002", "E12000002", "E12000002"])
        .Add<int>("lsoa_vintage", [2011, 2011, 2011, 2021, 2021])
        .Build();

    private async Task<LakeSnapshot> PublishAsync(Table areas)
    {
        var layout = new LakeLayout(_temp.Path);
        using var staging = new SnapshotPublisher(layout, _clock).Begin();
        await using (var stream = File.Create(staging.PathFor("areas.parquet")))
        {
            await ParquetTableWriter.WriteAsync(areas, stream);
        }

        await staging.PublishAsync(new SnapshotManifest
        {
            SnapshotId = staging.Id,
            CreatedAt = _clock.GetUtcNow(),
            ToolVersion = "test",
            Sources = [],
            Tables = [new TableEntry { Name = "areas", Path = "areas.parquet", Rows = areas.RowCount }],
        });
        return LakeSnapshot.OpenCurrent(_temp.Path);
    }
}
