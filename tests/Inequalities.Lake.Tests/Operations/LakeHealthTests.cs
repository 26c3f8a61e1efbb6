using System.Text.Json;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Operations;

/// <summary>The freshness check behind <c>inequalities status</c>, on lakes written by hand with an injected clock.</summary>
public sealed class LakeHealthTests : IDisposable
{
    private static readonly DateTimeOffset Published = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(36);
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(Published.AddHours(1));

    public void Dispose() => _temp.Dispose();

    private LakeLayout Layout => new(_temp.Combine("lake"));

    /// <summary>A lake with one published snapshot of two sources, retrieved when it was published.</summary>
    private LakeLayout PublishedLake()
    {
        var layout = Layout;
        const string id = "20261125T020000Z";
        Directory.CreateDirectory(layout.SnapshotDirectory(id));
        var manifest = new SnapshotManifest
        {
            SnapshotId = id,
            CreatedAt = Published,
            ToolVersion = "test",
            Sources =
            [
                new SourceProvenance { Id = "iod2019", Url = "https://example.org/iod.csv", Licence = "OGL-3.0", Status = SourceStatus.Fetched, RetrievedAt = Published, Rows = 10 },
                new SourceProvenance { Id = "fingertips", Url = "https://example.org/ft.csv", Licence = "OGL-3.0", Status = SourceStatus.Fetched, RetrievedAt = Published, Rows = 5 },
            ],
        };
        File.WriteAllBytes(Path.Combine(layout.SnapshotDirectory(id), "manifest.json"), JsonSerializer.SerializeToUtf8Bytes(manifest, SnapshotManifest.JsonOptions));
        File.WriteAllText(layout.CurrentFile, id + "\n");
        return layout;
    }

    private static RunRecord Run(string outcome, DateTimeOffset at, string? error = null) =>
        new() { StartedAt = at, FinishedAt = at.AddMinutes(1), Outcome = outcome, SnapshotId = "20261125T020000Z", Error = error, Trigger = "schedule" };

    private static SourceState Source(string id, DateTimeOffset checkedAt, SourceStatus status = SourceStatus.Unchanged, bool stale = false, string? error = null, DateTimeOffset? nextDue = null) =>
        new() { Id = id, Status = status, Stale = stale, Error = error, RetrievedAt = Published, LastCheckedAt = checkedAt, NextDue = nextDue };

    [Fact]
    public void Check_JustPublished_IsFreshWithEverySource()
    {
        var layout = PublishedLake();

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.True(report.Fresh, string.Join("; ", report.Problems));
        Assert.Equal("20261125T020000Z", report.CurrentSnapshot);
        Assert.Equal(TimeSpan.FromHours(1), report.SnapshotAge);
        Assert.Equal(["iod2019", "fingertips"], report.Sources.Select(s => s.Id));
        Assert.All(report.Sources, s => Assert.Equal(SourceStatus.Fetched, s.Status));
        Assert.Null(report.WorkerState);
    }

    [Fact]
    public void Check_SnapshotOlderThanMaxAge_IsNotFreshNamingTheSnapshotAndTheSources()
    {
        var layout = PublishedLake();
        _clock.SetUtcNow(Published.AddHours(37));

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.False(report.Fresh);
        Assert.Contains(report.Problems, p => p.StartsWith("the current snapshot 20261125T020000Z was last published or confirmed 1d 13h ago", StringComparison.Ordinal));
        Assert.All(report.Sources, s => Assert.True(s.TooOld));
        Assert.Equal(3, report.Problems.Count);
    }

    [Fact]
    public void Check_OldSnapshotConfirmedUnchangedByALaterRun_IsFresh()
    {
        var layout = PublishedLake();
        var lastNight = Published.AddDays(3);
        _clock.SetUtcNow(lastNight.AddHours(5));
        new LakeStatus
        {
            UpdatedAt = lastNight,
            State = "idle",
            LastRun = Run("unchanged", lastNight),
            LastSuccess = Run("unchanged", lastNight),
            NextRun = lastNight.AddDays(1),
            Sources = [Source("iod2019", lastNight), Source("fingertips", lastNight)],
        }.Write(layout);

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.True(report.Fresh, string.Join("; ", report.Problems));
        Assert.Equal(lastNight.AddMinutes(1), report.SnapshotConfirmedAt);
        Assert.Equal(Published, report.SnapshotCreatedAt);
        Assert.Equal(TimeSpan.FromMinutes(299), report.SnapshotAge);
    }

    [Fact]
    public void Check_LastRunFailedAfterTheLastSuccess_IsNotFreshWithTheError()
    {
        var layout = PublishedLake();
        new LakeStatus
        {
            UpdatedAt = Published.AddMinutes(50),
            State = "idle",
            LastSuccess = Run("published", Published),
            LastFailure = Run("failed", Published.AddMinutes(30), "source 'x' failed and has no earlier copy: HTTP 404"),
            Sources = [Source("iod2019", Published), Source("fingertips", Published)],
        }.Write(layout);

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.False(report.Fresh);
        Assert.Equal("the last run failed (failed, started 2026-11-25T02:30:00.0000000+00:00): source 'x' failed and has no earlier copy: HTTP 404", Assert.Single(report.Problems));
    }

    [Fact]
    public void Check_FailureBeforeTheLastSuccess_IsFresh()
    {
        var layout = PublishedLake();
        new LakeStatus
        {
            UpdatedAt = Published,
            State = "idle",
            LastSuccess = Run("published", Published),
            LastFailure = Run("failed", Published.AddDays(-1), "HTTP 503"),
        }.Write(layout);

        Assert.True(LakeHealth.Check(layout.Root, MaxAge, _clock).Fresh);
    }

    [Fact]
    public void Check_StaleSource_IsNotFreshNamingTheSourceAndItsError()
    {
        var layout = PublishedLake();
        new LakeStatus
        {
            UpdatedAt = Published,
            State = "idle",
            LastSuccess = Run("published", Published),
            Sources = [Source("iod2019", Published), Source("fingertips", Published, SourceStatus.Failed, stale: true, error: "Source 'fingertips' (https://example.org/ft.csv): HTTP 503")],
        }.Write(layout);

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.False(report.Fresh);
        var problem = Assert.Single(report.Problems);
        Assert.StartsWith("source 'fingertips' is stale", problem, StringComparison.Ordinal);
        Assert.EndsWith("HTTP 503", problem, StringComparison.Ordinal);
        var fingertips = report.Sources.Single(s => s.Id == "fingertips");
        Assert.Equal(SourceStatus.Failed, fingertips.Status);
        Assert.Equal(Published, fingertips.ConfirmedAt);
    }

    [Theory]
    [InlineData(24, false)]
    [InlineData(-1, true)]
    public void Check_SourceWithItsOwnScheduleCheckedLastWeek_OldOnlyOnceItsNextDueHasPassed(int nextDueInHours, bool tooOld)
    {
        var layout = PublishedLake();
        var now = Published.AddDays(5);
        _clock.SetUtcNow(now);
        new LakeStatus
        {
            UpdatedAt = now,
            State = "idle",
            LastSuccess = Run("unchanged", now.AddHours(-2)),
            NextRun = now.AddHours(22),
            Sources = [Source("iod2019", now.AddHours(-2)), Source("fingertips", Published, nextDue: now.AddHours(nextDueInHours))],
        }.Write(layout);

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.Equal(tooOld, report.Sources.Single(s => s.Id == "fingertips").TooOld);
        Assert.Equal(!tooOld, report.Fresh);
        Assert.False(report.Sources.Single(s => s.Id == "iod2019").TooOld);
    }

    [Fact]
    public void Check_NothingPublishedYet_IsNotFresh()
    {
        var layout = Layout;
        LakeStatus.NoWorker(Published).WithRun(Run("failed", Published, "boom"), success: false, failure: true, null).Write(layout);

        var report = LakeHealth.Check(layout.Root, MaxAge, _clock);

        Assert.Contains("no snapshot has been published yet", report.Problems);
        Assert.Contains(report.Problems, p => p.EndsWith(": boom", StringComparison.Ordinal));
        Assert.Equal("none", report.WorkerState);
    }

    [Fact]
    public void Check_NoLakeFolder_ThrowsDirectoryNotFound()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => LakeHealth.Check(_temp.Combine("missing"), MaxAge, _clock));

        Assert.Contains("There is no lake at", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmptyFolder_ThrowsNotALake()
    {
        Directory.CreateDirectory(Layout.Root);

        var ex = Assert.Throws<DirectoryNotFoundException>(() => LakeHealth.Check(Layout.Root, MaxAge, _clock));

        Assert.Contains("is not a lake", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnreadableStatusJson_ThrowsInvalidDataNamingTheFile()
    {
        var layout = PublishedLake();
        File.WriteAllText(layout.StatusFile, "{ \"updated_at\": ");

        var ex = Assert.Throws<InvalidDataException>(() => LakeHealth.Check(layout.Root, MaxAge, _clock));

        Assert.Contains(layout.StatusFile, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordRefresh_FailedRefreshOnAWorkersLake_KeepsTheWorkerFieldsAndRecordsTheFailure()
    {
        var layout = PublishedLake();
        new LakeStatus { UpdatedAt = Published, State = "idle", Pid = 42, Schedule = "0 2 * * *", NextRun = Published.AddDays(1), LastSuccess = Run("published", Published) }.Write(layout);
        var outcome = new RefreshOutcome(false, null, [], "source 'x' failed and has no earlier copy: HTTP 404");

        var written = LakeStatus.RecordRefresh(layout, outcome, Published.AddHours(1), Published.AddHours(1).AddSeconds(3));

        var onDisk = LakeStatus.Read(layout)!;
        Assert.Equal(written, onDisk with { Sources = written.Sources, LastRun = written.LastRun, LastFailure = written.LastFailure, LastSuccess = written.LastSuccess });
        Assert.Equal(("idle", 42, "0 2 * * *", Published.AddDays(1)), (onDisk.State, onDisk.Pid!.Value, onDisk.Schedule, onDisk.NextRun!.Value));
        Assert.Equal(("failed", "refresh"), (onDisk.LastFailure!.Outcome, onDisk.LastFailure.Trigger));
        Assert.Equal("published", onDisk.LastSuccess!.Outcome);
        Assert.False(LakeHealth.Check(layout.Root, MaxAge, _clock).Fresh);
    }
}
