using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Snapshots;

public sealed class SnapshotPublisherTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PublishAsync_NewSnapshot_BecomesCurrentWithManifest()
    {
        var layout = new LakeLayout(_temp.Path);
        using var staging = new SnapshotPublisher(layout, _clock).Begin();
        await File.WriteAllTextAsync(staging.PathFor("areas.parquet"), "x");

        await staging.PublishAsync(Manifest(staging.Id, new TableEntry { Name = "areas", Path = "areas.parquet", Rows = 1 }));

        Assert.Equal("20261125T020000Z", layout.ReadCurrentId());
        var manifest = SnapshotManifest.Read(Path.Combine(layout.SnapshotDirectory("20261125T020000Z"), "manifest.json"));
        Assert.Equal("20261125T020000Z", manifest.SnapshotId);
        Assert.Equal("iod2019", Assert.Single(manifest.Sources).Id);
        Assert.False(Directory.Exists(staging.Directory));
    }

    [Fact]
    public async Task PublishAsync_ManifestJson_UsesContractFieldNames()
    {
        var layout = new LakeLayout(_temp.Path);
        using var staging = new SnapshotPublisher(layout, _clock).Begin();

        await staging.PublishAsync(Manifest(staging.Id));

        var json = await File.ReadAllTextAsync(Path.Combine(layout.SnapshotDirectory(staging.Id), "manifest.json"));
        foreach (var field in new[] { "\"snapshot_id\"", "\"created_at\"", "\"tool_version\"", "\"retrieved_at\"", "\"sha256\"", "\"licence\"", "\"status\": \"fetched\"" })
        {
            Assert.Contains(field, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PublishAsync_MissingTable_ThrowsAndKeepsPreviousCurrent()
    {
        var layout = new LakeLayout(_temp.Path);
        var publisher = new SnapshotPublisher(layout, _clock);
        using (var first = publisher.Begin())
        {
            await first.PublishAsync(Manifest(first.Id));
        }

        _clock.Advance(TimeSpan.FromDays(1));
        using (var second = publisher.Begin())
        {
            var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
                second.PublishAsync(Manifest(second.Id, new TableEntry { Name = "areas", Path = "areas.parquet", Rows = 3 })));
            Assert.Equal("Snapshot 20261126T020000Z: table 'areas' should be at 'areas.parquet' but nothing was written there.", ex.Message);
        }

        Assert.Equal("20261125T020000Z", layout.ReadCurrentId());
        Assert.False(Directory.Exists(layout.SnapshotDirectory("20261126T020000Z")));
        Assert.Empty(Directory.EnumerateDirectories(layout.SnapshotsDirectory, ".staging-*"));
    }

    [Fact]
    public async Task PublishAsync_VerifierRowCountDiffers_Throws()
    {
        var layout = new LakeLayout(_temp.Path);
        using var staging = new SnapshotPublisher(layout, _clock).Begin();
        await File.WriteAllTextAsync(staging.PathFor("areas.parquet"), "x");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => staging.PublishAsync(
            Manifest(staging.Id, new TableEntry { Name = "areas", Path = "areas.parquet", Rows = 5 }),
            (_, _) => ValueTask.FromResult(4L)));

        Assert.Equal("Snapshot 20261125T020000Z: table 'areas' read back 4 rows; the manifest says 5.", ex.Message);
        Assert.Null(layout.ReadCurrentId());
    }

    [Fact]
    public void Begin_SameSecondTwice_GivesDistinctSortableIds()
    {
        var layout = new LakeLayout(_temp.Path);
        var publisher = new SnapshotPublisher(layout, _clock);

        using var a = publisher.Begin();
        using var b = publisher.Begin();

        Assert.Equal("20261125T020000Z", a.Id);
        Assert.Equal("20261125T020000Z-01", b.Id);
        Assert.True(string.CompareOrdinal(a.Id, b.Id) < 0);
    }

    [Fact]
    public void CleanDebris_StagingAndTempLeftByKilledRun_AreRemoved()
    {
        var layout = new LakeLayout(_temp.Path);
        Directory.CreateDirectory(Path.Combine(layout.SnapshotsDirectory, ".staging-20261124T020000Z"));
        Directory.CreateDirectory(layout.SnapshotDirectory("20261123T020000Z"));
        File.WriteAllText(layout.CurrentFile + ".tmp", "half");

        var removed = SnapshotPublisher.CleanDebris(layout);

        Assert.Equal(2, removed.Count);
        Assert.True(Directory.Exists(layout.SnapshotDirectory("20261123T020000Z")));
        Assert.False(File.Exists(layout.CurrentFile + ".tmp"));
    }

    private SnapshotManifest Manifest(string id, params TableEntry[] tables) => new()
    {
        SnapshotId = id,
        CreatedAt = _clock.GetUtcNow(),
        ToolVersion = "test",
        Sources =
        [
            new SourceProvenance
            {
                Id = "iod2019",
                Url = "https://example.org/f.csv",
                RetrievedAt = _clock.GetUtcNow(),
                Bytes = 10,
                Sha256 = new string('a', 64),
                Licence = "OGL-3.0",
                Status = SourceStatus.Fetched,
            },
        ],
        Tables = tables,
    };
}
