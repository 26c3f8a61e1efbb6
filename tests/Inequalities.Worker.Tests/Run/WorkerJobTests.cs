using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Worker.Tests.Run;

/// <summary>The worker's refresh over real HTTP: the loopback server serves the sample mirror, and a source changes between runs.</summary>
public sealed class WorkerJobTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    private LoopbackServer _server = null!;
    private SourceCatalogue _catalogue = null!;
    private string _mirror = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(_temp.Combine("site", "mirror"));
        var (path, mirror, _) = WorkerFixture.WriteMirrorCatalogue(_temp.Combine("site"), _server.BaseAddress, keepSnapshots: 2, clock: _clock);
        _catalogue = SourceCatalogue.Load(path);
        _mirror = mirror;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private WorkerRefreshJob NewJob(LakeLayout layout) =>
        new(layout, _catalogue, RefreshSchedule.Create(_catalogue), sample: false, TimeSpan.Zero, _clock, NullLoggerFactory.Instance);

    private ScheduledRun Run(IEnumerable<string>? due = null) =>
        new(_clock.GetUtcNow(), (due ?? _catalogue.Enabled.Select(s => s.Id)).ToHashSet(StringComparer.Ordinal));

    [Fact]
    public async Task RunAsync_SourceChangesBetweenRuns_PublishesOnlyWhenSomethingChangedAndReparsesOnlyThatSource()
    {
        var layout = new LakeLayout(_temp.Combine("lake"));
        using var job = NewJob(layout);

        // Night 1: everything is new.
        await job.RunAsync(Run(), CancellationToken.None);
        var first = layout.ReadCurrentId();
        Assert.Equal("published", job.Status.LastRun!.Outcome);
        Assert.All(job.Status.Sources, s => Assert.Equal(SourceStatus.Fetched, s.Status));
        await WorkerFixture.AssertCurrentCompleteAsync(layout.Root);
        var firstFiles = Directory.GetFiles(layout.SnapshotDirectory(first!)).ToDictionary(f => f, File.ReadAllBytes);

        // Night 2: nothing changed; the server answers 304 and nothing is published.
        _clock.Advance(TimeSpan.FromDays(1));
        await job.RunAsync(Run(), CancellationToken.None);
        Assert.Equal("unchanged", job.Status.LastRun!.Outcome);
        Assert.Equal(first, job.Status.LastRun.SnapshotId);
        Assert.Equal(first, layout.ReadCurrentId());
        Assert.Single(Directory.GetDirectories(layout.SnapshotsDirectory));
        Assert.All(job.Status.Sources, s => Assert.Equal(SourceStatus.Unchanged, s.Status));
        Assert.True(_server.NotModifiedCount("/fingertips-suicide.csv") >= 1);
        var onDisk = LakeStatus.TryRead(layout)!;
        Assert.Equal("unchanged", onDisk.LastSuccess!.Outcome);
        Assert.Equal(_clock.GetUtcNow(), onDisk.LastCheckedAtOf("iod2019-file7"));

        // Night 3: one source changed; only it is parsed again, and a new snapshot is published.
        _clock.Advance(TimeSpan.FromDays(1));
        WorkerFixture.VaryFingertipsValue(Path.Combine(_mirror, "fingertips-suicide.csv"), 7);
        await job.RunAsync(Run(), CancellationToken.None);
        var second = layout.ReadCurrentId();
        Assert.NotEqual(first, second);
        Assert.Equal("published", job.Status.LastRun!.Outcome);
        Assert.Equal(SourceStatus.Fetched, job.Status.Sources.Single(s => s.Id == "fingertips-suicide").Status);
        Assert.All(job.Status.Sources.Where(s => s.Id != "fingertips-suicide"), s => Assert.Equal(SourceStatus.Unchanged, s.Status));
        var parse = job.LastOutcome!.Reports;
        Assert.Equal(["fingertips-suicide"], parse.Where(r => r.Parsed).Select(r => r.Id));
        await WorkerFixture.AssertCurrentCompleteAsync(layout.Root);
        var oldManifest = LakeSnapshot.Open(layout.Root, first!).Manifest;
        var newManifest = LakeSnapshot.Open(layout.Root, second!).Manifest;
        Assert.NotEqual(oldManifest.Sources.Single(s => s.Id == "fingertips-suicide").Sha256, newManifest.Sources.Single(s => s.Id == "fingertips-suicide").Sha256);
        Assert.Equal(oldManifest.Sources.Single(s => s.Id == "iod2019-file7").Sha256, newManifest.Sources.Single(s => s.Id == "iod2019-file7").Sha256);

        // The old snapshot is untouched, and shares no file with the new one: wrecking the old files leaves the new readable.
        Assert.All(firstFiles, f => Assert.Equal(f.Value, File.ReadAllBytes(f.Key)));
        foreach (var file in firstFiles.Keys.Where(f => f.EndsWith(".parquet", StringComparison.Ordinal)))
        {
            await File.WriteAllTextAsync(file, "wrecked");
        }

        await WorkerFixture.AssertCurrentCompleteAsync(layout.Root);
    }

    [Fact]
    public async Task RunAsync_OneSourceFails_OthersRefreshAndSnapshotRecordsItStale()
    {
        var layout = new LakeLayout(_temp.Combine("lake"));
        using var job = NewJob(layout);
        await job.RunAsync(Run(), CancellationToken.None);
        var first = layout.ReadCurrentId();

        _clock.Advance(TimeSpan.FromDays(1));
        _server.Always("/fingertips-self-harm.csv", LoopbackFault.Status(404));
        WorkerFixture.VaryFingertipsValue(Path.Combine(_mirror, "fingertips-suicide.csv"), 3);
        await job.RunAsync(Run(), CancellationToken.None);

        var current = layout.ReadCurrentId();
        Assert.NotEqual(first, current);
        var manifest = LakeSnapshot.Open(layout.Root, current!).Manifest;
        var failed = manifest.Sources.Single(s => s.Id == "fingertips-self-harm");
        Assert.True(failed.Stale);
        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains("404", failed.Error, StringComparison.Ordinal);
        Assert.Equal(SourceStatus.Fetched, manifest.Sources.Single(s => s.Id == "fingertips-suicide").Status);
        var state = LakeStatus.TryRead(layout)!.Sources.Single(s => s.Id == "fingertips-self-harm");
        Assert.True(state.Stale);
        Assert.Equal(SourceStatus.Failed, state.Status);
        Assert.Contains("404", state.Error, StringComparison.Ordinal);
        Assert.Equal("published", job.Status.LastRun!.Outcome);
        await WorkerFixture.AssertCurrentCompleteAsync(layout.Root);
    }

    [Fact]
    public async Task RunAsync_SourceNotDue_KeepsItsLastCopyWithoutAskingThePublisher()
    {
        var layout = new LakeLayout(_temp.Combine("lake"));
        using var job = NewJob(layout);
        await job.RunAsync(Run(), CancellationToken.None);
        var requests = _server.RequestCount("/fingertips-suicide.csv");

        _clock.Advance(TimeSpan.FromDays(1));
        WorkerFixture.VaryFingertipsValue(Path.Combine(_mirror, "fingertips-suicide.csv"), 5);
        await job.RunAsync(Run(_catalogue.Enabled.Select(s => s.Id).Where(id => id != "fingertips-suicide")), CancellationToken.None);

        Assert.Equal(requests, _server.RequestCount("/fingertips-suicide.csv"));
        Assert.Equal("unchanged", job.Status.LastRun!.Outcome);
        Assert.Equal(SourceStatus.Fetched, job.Status.Sources.Single(s => s.Id == "fingertips-suicide").Status);
        Assert.DoesNotContain("fingertips-suicide", job.Status.LastRun.Fetched);
    }

    [Fact]
    public async Task RunAsync_ManyChanges_RetentionKeepsTheLastTwoAndTheCurrent()
    {
        var layout = new LakeLayout(_temp.Combine("lake"));
        using var job = NewJob(layout);
        for (var night = 0; night < 4; night++)
        {
            WorkerFixture.VaryFingertipsValue(Path.Combine(_mirror, "fingertips-suicide.csv"), night + 10);
            await job.RunAsync(Run(), CancellationToken.None);
            _clock.Advance(TimeSpan.FromDays(1));
        }

        var kept = Directory.GetDirectories(layout.SnapshotsDirectory).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["20261127T020000Z", "20261128T020000Z"], kept);
        Assert.Equal("20261128T020000Z", layout.ReadCurrentId());
    }

    [Fact]
    public async Task RunAsync_LakeHeldByAnotherRefresh_RecordsBusyAndPublishesNothing()
    {
        var layout = new LakeLayout(_temp.Combine("lake"));
        using var job = NewJob(layout);
        var (held, _) = await LakeLock.TryAcquireAsync(layout, TimeSpan.Zero, TimeProvider.System);
        using (held)
        {
            await job.RunAsync(Run(), CancellationToken.None);
        }

        Assert.Equal("busy", job.Status.LastRun!.Outcome);
        Assert.Contains("another refresh holds it", job.Status.LastFailure!.Error, StringComparison.Ordinal);
        Assert.Null(layout.ReadCurrentId());
    }
}

internal static class LakeStatusTestExtensions
{
    public static DateTimeOffset? LastCheckedAtOf(this LakeStatus status, string id) => status.Sources.Single(s => s.Id == id).LastCheckedAt;
}
