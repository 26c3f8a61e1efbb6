using Inequalities.Core.Columnar;
using Inequalities.Lake.Csv;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Csv;

/// <summary>The export verb's library: a snapshot table filtered by <c>COLUMN=VALUE</c> and written through the one CSV writer.</summary>
public sealed class TableExportTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public async Task InitializeAsync()
    {
        var layout = new LakeLayout(_temp.Combine("lake"));
        using var staging = new SnapshotPublisher(layout, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero))).Begin();
        var table = new TableBuilder("areas")
            .Add("lsoa_code", ["E01006512", "E01006513", "E01000001"])
            .Add("lad_name", ["Liverpool", "Liverpool", "City of London"])
            .Add<int>("lsoa_vintage", [2021, 2021, 2011])
            .AddNullable<double>("population", [1500.5, null, 1200])
            .Build();
        await using (var file = File.Create(staging.PathFor("areas.parquet")))
        {
            await ParquetTableWriter.WriteAsync(table, file);
        }

        await staging.PublishAsync(new SnapshotManifest
        {
            SnapshotId = staging.Id,
            CreatedAt = staging.CreatedAt,
            ToolVersion = "test",
            Sources = [],
            Tables = [new TableEntry { Name = "areas", Path = "areas.parquet", Rows = 3 }],
        });
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ExportAsync_Filters_WritesTheKeptRowsAsCsv()
    {
        var output = _temp.Combine("liverpool.csv");

        var result = await TableExport.ExportAsync(_temp.Combine("lake"), "areas", ["lad_name=Liverpool", "lsoa_vintage=2021.0"], output);

        Assert.Equal(new TableExportResult("areas", 2, 3), result);
        Assert.Equal(
            ["lsoa_code,lad_name,lsoa_vintage,population", "E01006512,Liverpool,2021,1500.5", "E01006513,Liverpool,2021,"],
            await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task ExportAsync_EmptyValue_KeepsTheEmptyCells()
    {
        var output = _temp.Combine("missing.csv");

        var result = await TableExport.ExportAsync(_temp.Combine("lake"), "areas", ["population="], output);

        Assert.Equal(1, result.Written);
        Assert.Equal("E01006513,Liverpool,2021,", (await File.ReadAllLinesAsync(output))[1]);
    }

    [Fact]
    public async Task ExportAsync_UnknownColumn_NamesTheFilterAndTheColumns()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TableExport.ExportAsync(_temp.Combine("lake"), "areas", ["district=Liverpool"], _temp.Combine("x.csv")));

        Assert.Equal("--filter 'district=Liverpool' must be COLUMN=VALUE with a column of 'areas' (lsoa_code, lad_name, lsoa_vintage, population).", ex.Message);
        Assert.False(File.Exists(_temp.Combine("x.csv")));
    }

    [Fact]
    public async Task ExportAsync_TextForANumberColumn_FailsNamingTheFilter()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TableExport.ExportAsync(_temp.Combine("lake"), "areas", ["lsoa_vintage=recent"], _temp.Combine("x.csv")));

        Assert.StartsWith("--filter: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lsoa_vintage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_UnknownTable_ThrowsKeyNotFound() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => TableExport.ExportAsync(_temp.Combine("lake"), "nope", [], _temp.Combine("x.csv")));
}
