using System.Text.Json;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Operations;

/// <content>
/// Changing status.json: a read-modify-write under a short lock, so the worker and the <c>refresh</c> verb (which
/// records its runs too) never lose each other's changes; and the changes a finished refresh makes.
/// </content>
public sealed partial record LakeStatus
{
    private const int LockAttempts = 500;
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Reads a lake's status.json strictly: <see langword="null"/> when there is none, an exception when it cannot be read.
    /// </summary>
    /// <param name="layout">The lake.</param>
    /// <exception cref="InvalidDataException">The file is not a valid status.json (the message names it and the JSON error).</exception>
    public static LakeStatus? Read(LakeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.StatusFile))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LakeStatus>(File.ReadAllBytes(layout.StatusFile), JsonOptions)
                ?? throw new InvalidDataException($"{layout.StatusFile} is empty; expected the worker's status.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{layout.StatusFile} is not a valid status.json: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Changes status.json under <c>&lt;lake&gt;/.status.lock</c>: reads the file (null when it is missing or
    /// unreadable), applies <paramref name="change"/> and writes the result atomically. The lock is held for
    /// milliseconds; a writer waits up to 10 seconds for it.
    /// </summary>
    /// <param name="layout">The lake.</param>
    /// <param name="change">The new status from the one on disk.</param>
    /// <returns>The status written.</returns>
    /// <exception cref="IOException">The lock or the file could not be written.</exception>
    public static LakeStatus Update(LakeLayout layout, Func<LakeStatus?, LakeStatus> change)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(change);
        Directory.CreateDirectory(layout.Root);
        using var held = AcquireLock(Path.Combine(layout.Root, ".status.lock"));
        var updated = change(TryRead(layout));
        updated.Write(layout);
        return updated;
    }

    /// <summary>A status for a lake no worker has run on (<see cref="State"/> <c>none</c>), as the <c>refresh</c> verb starts it.</summary>
    /// <param name="now">When it is written.</param>
    public static LakeStatus NoWorker(DateTimeOffset now) => new() { UpdatedAt = now, State = "none" };

    /// <summary>
    /// Records a finished run: it becomes <see cref="LastRun"/>, and <see cref="LastSuccess"/> when
    /// <paramref name="success"/>, or <see cref="LastFailure"/> when <paramref name="failure"/>.
    /// </summary>
    /// <param name="record">The run.</param>
    /// <param name="success">Whether it published or found nothing changed.</param>
    /// <param name="failure">Whether it counts as a failure (a cancelled run is neither).</param>
    /// <param name="currentSnapshot">The snapshot <c>current</c> names now.</param>
    public LakeStatus WithRun(RunRecord record, bool success, bool failure, string? currentSnapshot) => this with
    {
        LastRun = record,
        LastSuccess = success ? record : LastSuccess,
        LastFailure = !success && failure ? record : LastFailure,
        CurrentSnapshot = currentSnapshot,
    };

    /// <summary>
    /// The per-source state after a refresh: one entry per report, in its order. A source that was not due keeps
    /// its previous status, stale flag, error and check time.
    /// </summary>
    /// <param name="reports">The refresh's per-source reports.</param>
    /// <param name="checkedAt">When the refresh asked the publishers.</param>
    /// <param name="schedule">A source's schedule and next due time, given its previous state (the worker's schedule; the refresh verb keeps the previous ones).</param>
    public LakeStatus WithSourceReports(
        IReadOnlyList<SourceRun> reports,
        DateTimeOffset checkedAt,
        Func<string, SourceState?, (string? Schedule, DateTimeOffset? NextDue)> schedule)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(schedule);
        var byId = Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        return this with
        {
            Sources = reports.Select(r =>
            {
                var old = byId.GetValueOrDefault(r.Id);
                var sameCopy = old is not null && old.Sha256 == r.File?.Sha256;
                var notDue = r.Status == SourceStatus.NotDue;
                var (cron, nextDue) = schedule(r.Id, old);
                return new SourceState
                {
                    Id = r.Id,
                    Schedule = cron,
                    Status = notDue && old is not null && old.Status != SourceStatus.NotDue ? old.Status : r.Status,
                    Stale = notDue ? old?.Stale ?? false : r.Stale,
                    Error = notDue ? old?.Error : r.Error,
                    Bytes = r.File?.Bytes,
                    Rows = r.Rows ?? (sameCopy ? old!.Rows : null),
                    Sha256 = r.File?.Sha256,
                    RetrievedAt = r.File?.RetrievedAt,
                    LastCheckedAt = notDue ? old?.LastCheckedAt : checkedAt,
                    NextDue = nextDue,
                };
            }).ToList(),
        };
    }

    /// <summary>
    /// Records a run of the <c>refresh</c> verb in status.json (<see cref="RunRecord.Trigger"/> <c>refresh</c>): the
    /// run, and each source's state; a worker's schedule fields are left as they are.
    /// </summary>
    /// <param name="layout">The lake.</param>
    /// <param name="outcome">What the refresh did, or null when it was cancelled.</param>
    /// <param name="startedAt">When it started.</param>
    /// <param name="finishedAt">When it finished.</param>
    /// <returns>The status written.</returns>
    /// <exception cref="IOException">status.json could not be written.</exception>
    public static LakeStatus RecordRefresh(LakeLayout layout, RefreshOutcome? outcome, DateTimeOffset startedAt, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var record = new RunRecord
        {
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Outcome = outcome?.OutcomeName ?? "cancelled",
            SnapshotId = outcome?.SnapshotId,
            Fetched = outcome?.Reports.Where(r => r.Status != SourceStatus.NotDue).Select(r => r.Id).ToList() ?? [],
            Error = outcome is null ? "the refresh was stopped before it published anything" : outcome.Error,
            Trigger = "refresh",
        };
        return Update(layout, onDisk =>
        {
            var status = (onDisk ?? NoWorker(finishedAt)) with { UpdatedAt = finishedAt };
            if (outcome is not null)
            {
                status = status.WithSourceReports(outcome.Reports, startedAt, (_, old) => (old?.Schedule, old?.NextDue));
            }

            return status.WithRun(record, outcome?.Succeeded ?? false, outcome is not null, layout.ReadCurrentId());
        });
    }

    private static FileStream AcquireLock(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Left in place (like .lock): deleting a lock file lets two writers lock two different files.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < LockAttempts)
            {
                // Another process writes status.json this very moment and holds the OS lock for milliseconds: a real-time
                // wait for the kernel, not program time, so it does not go through the injected clock.
                Task.Delay(LockRetryDelay).GetAwaiter().GetResult();
            }
        }
    }
}
