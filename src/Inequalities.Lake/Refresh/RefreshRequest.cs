using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;

namespace Inequalities.Lake.Refresh;

/// <summary>What one <see cref="RefreshRunner.RunAsync(Inequalities.Sources.Catalogue.SourceCatalogue, RefreshRequest, CancellationToken)"/> call should do.</summary>
public sealed record RefreshRequest
{
    /// <summary>Whether the catalogue points at the generated sample mirror (recorded in the manifest).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Sample { get; init; }

    /// <summary>
    /// The ids of the sources to fetch; every other enabled source keeps its last raw copy without asking the
    /// publisher (a source that has no copy yet is fetched anyway). <see langword="null"/> fetches every enabled source.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: fetch everything.</value>
    public IReadOnlySet<string>? Due { get; init; }

    /// <summary>Download progress, for a terminal.</summary>
    /// <value>The default value is <see langword="null"/>: no progress reports.</value>
    public IProgress<FetchProgress>? Progress { get; init; }

    /// <summary>
    /// Publish a new snapshot even when every source and the definitions are the same as in the current snapshot.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: a refresh in which nothing changed publishes nothing.</value>
    public bool Force { get; init; }

    /// <summary>
    /// Writes files into the new snapshot before it is published (the worker's briefings): it gets the staged snapshot
    /// (its tables readable, its <see cref="LakeSnapshot.Directory"/> the staging folder) and returns the entries the
    /// manifest lists under <c>briefs</c>. A briefing that fails is an entry with its error, not an exception: it never
    /// stops the data from being published. Should the delegate throw anyway, the refresh logs it, removes the
    /// snapshot's <c>briefs/</c> folder, records the error and publishes the data.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no briefings.</value>
    public Func<LakeSnapshot, CancellationToken, Task<IReadOnlyList<BriefEntry>>>? WriteBriefs { get; init; }
}

/// <summary>One source in one refresh: the facts the per-source log line and status.json report.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Status">What happened.</param>
/// <param name="File">The raw copy used (null when the source has none).</param>
/// <param name="Rows">Rows parsed from the copy, when known.</param>
/// <param name="Parsed">Whether the copy was parsed in this run (false when an earlier parse was reused or nothing was built).</param>
/// <param name="FetchDuration">How long fetching took.</param>
/// <param name="ParseDuration">How long parsing took.</param>
/// <param name="Error">Why the fetch failed.</param>
public sealed record SourceRun(
    string Id,
    SourceStatus Status,
    RawFile? File,
    long? Rows,
    bool Parsed,
    TimeSpan FetchDuration,
    TimeSpan ParseDuration,
    string? Error)
{
    /// <summary>Whether the lake uses an older copy because this run could not fetch the source.</summary>
    public bool Stale => Status == SourceStatus.Failed && File is not null;
}
