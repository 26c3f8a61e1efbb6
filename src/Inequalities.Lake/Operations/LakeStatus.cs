using System.Text.Json;
using System.Text.Json.Serialization;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Operations;

/// <summary>
/// <c>&lt;lake&gt;/status.json</c>: the worker's state for monitoring — whether it is running a refresh, the last run,
/// the last success and the last failure, the next scheduled run and the state of every source. Field names are
/// snake_case (see the README). The file is replaced atomically, so a reader never sees half of it.
/// </summary>
public sealed partial record LakeStatus
{
    /// <summary>When the file was written.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// What the worker is doing: <c>starting</c>, <c>idle</c>, <c>running</c> or <c>stopped</c>; <c>none</c> when no
    /// worker has run on the lake (the file was written by the <c>refresh</c> verb).
    /// </summary>
    public required string State { get; init; }

    /// <summary>The worker process id.</summary>
    public int? Pid { get; init; }

    /// <summary>The machine the worker runs on.</summary>
    public string? Host { get; init; }

    /// <summary>When the worker started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The default schedule (cron) the worker follows.</summary>
    public string? Schedule { get; init; }

    /// <summary>The IANA time zone schedules are read in.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The next scheduled run, in the schedule's time zone (its offset shows summer or winter time).</summary>
    public DateTimeOffset? NextRun { get; init; }

    /// <summary>The snapshot <c>current</c> names.</summary>
    public string? CurrentSnapshot { get; init; }

    /// <summary>The latest run, whatever its outcome.</summary>
    public RunRecord? LastRun { get; init; }

    /// <summary>The latest run that published a snapshot or found nothing changed.</summary>
    public RunRecord? LastSuccess { get; init; }

    /// <summary>The latest run that failed (nothing was published).</summary>
    public RunRecord? LastFailure { get; init; }

    /// <summary>Every enabled source, in catalogue order.</summary>
    public IReadOnlyList<SourceState> Sources { get; init; } = [];

    /// <summary>The JSON options status.json is written and read with.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = SnapshotManifest.JsonOptions;

    /// <summary>Reads a lake's status.json, or returns <see langword="null"/> when it is missing or unreadable.</summary>
    /// <param name="layout">The lake.</param>
    public static LakeStatus? TryRead(LakeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            return File.Exists(layout.StatusFile)
                ? JsonSerializer.Deserialize<LakeStatus>(File.ReadAllBytes(layout.StatusFile), JsonOptions)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Writes status.json atomically (a temporary file flushed to disk, then renamed over).</summary>
    /// <param name="layout">The lake.</param>
    public void Write(LakeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Directory.CreateDirectory(layout.Root);
        var temp = layout.StatusFile + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, JsonOptions);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, layout.StatusFile, overwrite: true);
    }
}

/// <summary>One refresh run of the worker.</summary>
public sealed record RunRecord
{
    /// <summary>The scheduled time the run was for.</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary><c>published</c>, <c>unchanged</c> (nothing changed, nothing published), <c>failed</c>, <c>busy</c> (another refresh held the lake) or <c>cancelled</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The snapshot published, or current when nothing changed.</summary>
    public string? SnapshotId { get; init; }

    /// <summary>The sources the run fetched (those due); the others kept their last copy.</summary>
    public IReadOnlyList<string> Fetched { get; init; } = [];

    /// <summary>Why the run failed.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// What started the run: <c>schedule</c> (the worker) or <c>refresh</c> (the <c>refresh</c> verb); null in files
    /// written before it was recorded.
    /// </summary>
    public string? Trigger { get; init; }
}

/// <summary>The state of one source as the worker last saw it.</summary>
public sealed record SourceState
{
    /// <summary>The source id.</summary>
    public required string Id { get; init; }

    /// <summary>The cron schedule the source follows.</summary>
    public string? Schedule { get; init; }

    /// <summary>The latest run's status: <c>fetched</c>, <c>unchanged</c>, <c>failed</c> or <c>not_due</c>.</summary>
    public required SourceStatus Status { get; init; }

    /// <summary>Whether the lake uses an older copy because the latest fetch failed.</summary>
    public bool Stale { get; init; }

    /// <summary>Why the latest fetch failed.</summary>
    public string? Error { get; init; }

    /// <summary>Size of the copy in use.</summary>
    public long? Bytes { get; init; }

    /// <summary>Rows parsed from the copy in use, when known.</summary>
    public long? Rows { get; init; }

    /// <summary>SHA-256 of the copy in use.</summary>
    public string? Sha256 { get; init; }

    /// <summary>When the copy in use was downloaded.</summary>
    public DateTimeOffset? RetrievedAt { get; init; }

    /// <summary>When the worker last asked the publisher for it.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>When the source next falls due, in the schedule's time zone.</summary>
    public DateTimeOffset? NextDue { get; init; }
}
