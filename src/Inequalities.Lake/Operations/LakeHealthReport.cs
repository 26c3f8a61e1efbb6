using Inequalities.Lake.Refresh;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Operations;

/// <summary>
/// What <see cref="LakeHealth.Check"/> found: the current snapshot and its age, the last runs, the next run, each
/// source's freshness, and every reason the lake is not fresh. <c>inequalities status --json</c> writes it
/// (snake_case).
/// </summary>
public sealed partial record LakeHealthReport
{
    /// <summary>The lake root.</summary>
    public required string Lake { get; init; }

    /// <summary>When the check ran.</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>The largest age allowed.</summary>
    public required TimeSpan MaxAge { get; init; }

    /// <summary>Whether nothing is older than <see cref="MaxAge"/> and the last run did not fail: <see cref="Problems"/> is empty.</summary>
    public bool Fresh => Problems.Count == 0;

    /// <summary>Every reason the lake is not fresh, one sentence each; empty when it is.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The snapshot <c>current</c> names, or null when nothing is published.</summary>
    public string? CurrentSnapshot { get; init; }

    /// <summary>When the current snapshot was created.</summary>
    public DateTimeOffset? SnapshotCreatedAt { get; init; }

    /// <summary>
    /// When the current snapshot was last confirmed: its creation, or the end of a later successful run that found
    /// nothing changed. The age that counts against <see cref="MaxAge"/> is measured from here.
    /// </summary>
    public DateTimeOffset? SnapshotConfirmedAt { get; init; }

    /// <summary>Time since <see cref="SnapshotConfirmedAt"/>.</summary>
    public TimeSpan? SnapshotAge { get; init; }

    /// <summary>Where the current snapshot's catalogue came from, when its manifest records it.</summary>
    public CatalogueOrigin? Catalogue { get; init; }

    /// <summary>The worker's state from status.json (<c>none</c> when only <c>refresh</c> has run; null without status.json).</summary>
    public string? WorkerState { get; init; }

    /// <summary>The latest run, whatever its outcome.</summary>
    public RunRecord? LastRun { get; init; }

    /// <summary>The latest successful run.</summary>
    public RunRecord? LastSuccess { get; init; }

    /// <summary>The latest failed run.</summary>
    public RunRecord? LastFailure { get; init; }

    /// <summary>The worker's next scheduled run, in its time zone.</summary>
    public DateTimeOffset? NextRun { get; init; }

    /// <summary>Every source of the current snapshot (and any other status.json lists), in that order.</summary>
    public IReadOnlyList<SourceHealth> Sources { get; init; } = [];
}

/// <summary>The freshness of one source.</summary>
public sealed record SourceHealth
{
    /// <summary>The source id.</summary>
    public required string Id { get; init; }

    /// <summary>What the latest refresh that asked for it did (the same names as status.json and the manifest).</summary>
    public SourceStatus? Status { get; init; }

    /// <summary>Whether the lake uses an older copy because the latest fetch failed.</summary>
    public bool Stale { get; init; }

    /// <summary>Why the latest fetch failed.</summary>
    public string? Error { get; init; }

    /// <summary>When the copy in use was downloaded.</summary>
    public DateTimeOffset? RetrievedAt { get; init; }

    /// <summary>When a refresh last asked the publisher for it (status.json).</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>
    /// When the copy was last known current: the last successful check (fetched or unchanged), else its retrieval.
    /// </summary>
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>Time since <see cref="ConfirmedAt"/>.</summary>
    public TimeSpan? Age { get; init; }

    /// <summary>When the source next falls due (status.json).</summary>
    public DateTimeOffset? NextDue { get; init; }

    /// <summary>Whether the source is older than the largest age allowed and overdue (its next due time, if any, has passed).</summary>
    public bool TooOld { get; init; }
}
