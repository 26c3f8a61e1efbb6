using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Operations;

/// <summary>
/// The worker's refresh (what <c>inequalities run</c> schedules): takes the lake lock for each run (waiting for a
/// manual <c>refresh</c> to finish), runs one long-lived <see cref="RefreshRunner"/> (so unchanged sources are not
/// parsed again), and keeps <c>&lt;lake&gt;/status.json</c> up to date: the worker's state, each run, each source's
/// status and next due time.
/// </summary>
public sealed partial class WorkerRefreshJob : IRefreshJob, IDisposable
{
    private readonly LakeLayout _layout;
    private readonly SourceCatalogue _catalogue;
    private readonly RefreshSchedule _schedule;
    private readonly bool _sample;
    private readonly TimeSpan _lockWait;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SourceFetcher _fetcher;
    private readonly RefreshRunner _runner;
    private readonly Lock _gate = new();
    private LakeStatus _status;

    /// <summary>Creates the job and writes the worker's starting state to status.json (keeping the last runs recorded there).</summary>
    /// <param name="layout">The lake.</param>
    /// <param name="catalogue">The sources (pointed at the sample mirror already, when <paramref name="sample"/>).</param>
    /// <param name="schedule">The schedules, for each source's schedule and next due time.</param>
    /// <param name="sample">Whether the catalogue points at the sample mirror (recorded in the manifest).</param>
    /// <param name="lockWait">How long a run waits for another refresh holding the lake before it is skipped (<c>busy</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggerFactory">Where the runs are logged (category <c>Inequalities.Worker</c>).</param>
    public WorkerRefreshJob(LakeLayout layout, SourceCatalogue catalogue, RefreshSchedule schedule, bool sample, TimeSpan lockWait, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _layout = layout;
        _catalogue = catalogue;
        _schedule = schedule;
        _sample = sample;
        _lockWait = lockWait;
        _time = time;
        _logger = loggerFactory.CreateLogger("Inequalities.Worker");
        _fetcher = new SourceFetcher(new FetchOptions(), time, loggerFactory.CreateLogger<SourceFetcher>());
        _runner = new RefreshRunner(layout, _fetcher, time, loggerFactory.CreateLogger<RefreshRunner>());
        var previous = LakeStatus.TryRead(layout);
        var previousSources = previous?.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal) ?? [];
        var now = time.GetUtcNow();
        _status = new LakeStatus
        {
            UpdatedAt = now,
            State = "starting",
            Pid = Environment.ProcessId,
            Host = Environment.MachineName,
            StartedAt = now,
            Schedule = schedule.DefaultExpression,
            TimeZone = schedule.TimeZone.Id,
            CurrentSnapshot = layout.ReadCurrentId(),
            LastRun = previous?.LastRun,
            LastSuccess = previous?.LastSuccess,
            LastFailure = previous?.LastFailure,
            Sources = catalogue.Enabled.Select(s => (previousSources.GetValueOrDefault(s.Id) ?? new SourceState { Id = s.Id, Status = SourceStatus.NotDue }) with
            {
                Schedule = schedule.ExpressionOf(s.Id),
                NextDue = schedule.NextFor(s.Id, now),
            }).ToList(),
        };
        Update(_ => _status);
    }

    /// <summary>Writes the briefings into each new snapshot before it is published (see <see cref="RefreshRequest.WriteBriefs"/>).</summary>
    /// <value>The default value is <see langword="null"/>: no briefings.</value>
    public Func<LakeSnapshot, CancellationToken, Task<IReadOnlyList<BriefEntry>>>? WriteBriefs { get; init; }

    /// <summary>The outcome of the latest refresh that ran, or null before one has.</summary>
    public RefreshOutcome? LastOutcome { get; private set; }

    /// <summary>The status as last written.</summary>
    public LakeStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <inheritdoc />
    public Task ScheduledAsync(ScheduledRun? next, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Update(s => s with
        {
            State = "idle",
            NextRun = next is null ? null : _schedule.ToLocal(next.At),
            CurrentSnapshot = _layout.ReadCurrentId(),
            Sources = s.Sources.Select(x => x with { NextDue = _schedule.NextFor(x.Id, now) }).ToList(),
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = _time.GetUtcNow();
        Update(s => s with { State = "running" });
        LogRunStarting(_logger, _schedule.ToLocal(run.At), run.Due.Count, _catalogue.Enabled.Count());
        var (lakeLock, holder) = await LakeLock.TryAcquireAsync(_layout, _lockWait, _time, cancellationToken).ConfigureAwait(false);
        if (lakeLock is null)
        {
            var error = $"the lake '{_layout.Root}' stayed busy for {_lockWait}: another refresh holds it ({holder}); this run is skipped";
            LogBusy(_logger, error);
            Finish(Record(run, started, "busy", null, error), success: false);
            return;
        }

        using (lakeLock)
        {
            RefreshOutcome outcome;
            try
            {
                outcome = await _runner.RunAsync(_catalogue, new RefreshRequest { Sample = _sample, Due = run.Due, WriteBriefs = WriteBriefs }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogCancelled(_logger);
                Finish(Record(run, started, "cancelled", null, "the worker was stopped during the run; nothing was published"), success: false, failure: false);
                throw;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                LogFailed(_logger, ex.Message);
                Finish(Record(run, started, "failed", null, ex.Message), success: false);
                return;
            }

            LastOutcome = outcome;
            var record = Record(run, started, outcome.OutcomeName, outcome.SnapshotId, outcome.Error);
            Update(s => MergeSources(s, outcome.Reports, started));
            Finish(record, outcome.Succeeded);
            if (outcome.Published)
            {
                LogPublished(_logger, outcome.SnapshotId!, outcome.Reports.Count(r => r.Status == SourceStatus.Fetched), outcome.Reports.Count(r => r.Status == SourceStatus.Unchanged), outcome.Reports.Count(r => r.Stale));
            }
            else if (outcome.NothingChanged)
            {
                LogUnchanged(_logger, outcome.SnapshotId!, outcome.Reports.Count);
            }
            else
            {
                LogFailed(_logger, outcome.Error ?? "unknown error");
            }
        }
    }

    /// <inheritdoc />
    public Task StoppedAsync()
    {
        Update(s => s with { State = "stopped", NextRun = null });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _fetcher.Dispose();

    private RunRecord Record(ScheduledRun run, DateTimeOffset started, string outcome, string? snapshotId, string? error) => new()
    {
        ScheduledFor = _schedule.ToLocal(run.At),
        StartedAt = started,
        FinishedAt = _time.GetUtcNow(),
        Outcome = outcome,
        SnapshotId = snapshotId,
        Fetched = [.. _catalogue.Enabled.Select(s => s.Id).Where(run.Due.Contains)],
        Error = error,
        Trigger = "schedule",
    };

    private void Finish(RunRecord record, bool success, bool failure = true) =>
        Update(s => s.WithRun(record, success, failure, _layout.ReadCurrentId()) with { State = "idle" });

    private LakeStatus MergeSources(LakeStatus status, IReadOnlyList<SourceRun> reports, DateTimeOffset checkedAt)
    {
        var now = _time.GetUtcNow();
        return status.WithSourceReports(reports, checkedAt, (id, _) => (_schedule.ExpressionOf(id), _schedule.NextFor(id, now)));
    }

    /// <summary>
    /// Changes status.json as read from disk under its lock (a manual <c>refresh</c> records its runs in it too);
    /// the worker's own copy stands in when the file is missing or unreadable.
    /// </summary>
    private void Update(Func<LakeStatus, LakeStatus> change)
    {
        lock (_gate)
        {
            try
            {
                _status = LakeStatus.Update(_layout, onDisk => change(onDisk ?? _status) with { UpdatedAt = _time.GetUtcNow() });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _status = change(_status) with { UpdatedAt = _time.GetUtcNow() };
                LogStatusNotWritten(_logger, _layout.StatusFile, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Refresh for {ScheduledFor:O}: {Due} of {Sources} sources due")]
    private static partial void LogRunStarting(ILogger logger, DateTimeOffset scheduledFor, int due, int sources);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Run outcome: published snapshot {SnapshotId} ({Fetched} fetched, {Unchanged} unchanged, {Stale} stale)")]
    private static partial void LogPublished(ILogger logger, string snapshotId, int fetched, int unchanged, int stale);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Run outcome: unchanged - all {Sources} sources unchanged since snapshot {SnapshotId}; nothing published")]
    private static partial void LogUnchanged(ILogger logger, string snapshotId, int sources);

    [LoggerMessage(EventId = 33, Level = LogLevel.Error, Message = "Run outcome: failed; the current snapshot stays as it was: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 34, Level = LogLevel.Warning, Message = "Run outcome: busy - {Error}")]
    private static partial void LogBusy(ILogger logger, string error);

    [LoggerMessage(EventId = 35, Level = LogLevel.Warning, Message = "Run outcome: cancelled - the worker is stopping; nothing was published")]
    private static partial void LogCancelled(ILogger logger);

    [LoggerMessage(EventId = 36, Level = LogLevel.Warning, Message = "Could not write {StatusFile}: {Error}")]
    private static partial void LogStatusNotWritten(ILogger logger, string statusFile, string error);
}
