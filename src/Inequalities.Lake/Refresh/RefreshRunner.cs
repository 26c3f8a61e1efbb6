using System.Diagnostics;
using System.Reflection;
using Inequalities.Lake.Build;
using Inequalities.Lake.Operations;
using Inequalities.Lake.Snapshots;
using Inequalities.Lake.Telemetry;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Lake.Refresh;

/// <summary>The result of one refresh.</summary>
/// <param name="Published">Whether a new snapshot became current.</param>
/// <param name="SnapshotId">The new snapshot's id, when one was published (the current one when nothing changed).</param>
/// <param name="Sources">What happened to each source, in catalogue order.</param>
/// <param name="Error">Why nothing was published, when the refresh failed.</param>
public sealed record RefreshOutcome(bool Published, string? SnapshotId, IReadOnlyList<FetchResult> Sources, string? Error)
{
    /// <summary>
    /// Whether the refresh found every source's copy and definition the same as in the current snapshot, so it
    /// published nothing (a success: <see cref="Published"/> is false and <see cref="Error"/> is null).
    /// </summary>
    public bool NothingChanged { get; init; }

    /// <summary>Per source: status, bytes, rows, durations, in catalogue order.</summary>
    public IReadOnlyList<SourceRun> Reports { get; init; } = [];

    /// <summary>Snapshot ids deleted by retention after this refresh.</summary>
    public IReadOnlyList<string> Deleted { get; init; } = [];

    /// <summary>Whether the refresh succeeded: it published a snapshot or found nothing changed.</summary>
    public bool Succeeded => Published || NothingChanged;

    /// <summary>
    /// The outcome as status.json's <see cref="Operations.RunRecord.Outcome"/> and the telemetry write it:
    /// <c>published</c>, <c>unchanged</c> (nothing changed, nothing published) or <c>failed</c>.
    /// </summary>
    public string OutcomeName => Published ? "published" : NothingChanged ? "unchanged" : "failed";
}

/// <summary>
/// One refresh: fetch the enabled sources into the raw cache, build the snapshot, publish it atomically, then apply
/// retention. A failure leaves the previous snapshot current. The refresh is incremental: when every source's copy
/// (SHA-256) and catalogue definition equal those the current snapshot was built from, nothing is published; otherwise
/// only sources whose copy or definition changed are parsed again when the same runner is reused (the worker keeps
/// one runner for its lifetime and the parsed data of unchanged sources in memory), and every table is rewritten
/// into the new snapshot's own files, so snapshots never share a file.
/// </summary>
public sealed partial class RefreshRunner
{
    private readonly LakeLayout _layout;
    private readonly SourceFetcher _fetcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SourceParseCache _parseCache = new();

    /// <summary>Creates a runner for one lake.</summary>
    /// <param name="layout">The lake.</param>
    /// <param name="fetcher">The fetch layer.</param>
    /// <param name="timeProvider">The clock (names snapshots, stamps provenance).</param>
    /// <param name="logger">Where progress is logged.</param>
    public RefreshRunner(LakeLayout layout, SourceFetcher fetcher, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _layout = layout;
        _fetcher = fetcher;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Whether the parsed sources are kept for this runner's next run, so a source whose copy and definition did not
    /// change is not parsed again (the worker, which keeps one runner). A one-shot refresh sets it to false: the parsed
    /// sources are then released as soon as the tables are built, instead of being held while the tables are written.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool KeepParsedSources
    {
        get => _parseCache.Retain;
        init => _parseCache.Retain = value;
    }

    /// <summary>The version written into manifests.</summary>
    public static string ToolVersion { get; } =
        typeof(RefreshRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The parsed sources kept between runs (for tests).</summary>
    internal SourceParseCache ParseCache => _parseCache;

    /// <summary>Runs one refresh of every enabled source.</summary>
    /// <param name="catalogue">The sources to refresh.</param>
    /// <param name="sample">Whether the catalogue points at the generated sample mirror (recorded in the manifest).</param>
    /// <param name="progress">Download progress, for a terminal.</param>
    /// <param name="cancellationToken">Stops the refresh; nothing is published after cancellation.</param>
    public Task<RefreshOutcome> RunAsync(
        SourceCatalogue catalogue,
        bool sample = false,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(catalogue, new RefreshRequest { Sample = sample, Progress = progress }, cancellationToken);

    /// <summary>Runs one refresh.</summary>
    /// <param name="catalogue">The sources to refresh.</param>
    /// <param name="request">Which sources are due, sample mode, progress.</param>
    /// <param name="cancellationToken">Stops the refresh; nothing is published after cancellation.</param>
    public async Task<RefreshOutcome> RunAsync(SourceCatalogue catalogue, RefreshRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        using var activity = RefreshTelemetry.ActivitySource.StartActivity("refresh");
        activity?.SetTag("lake", _layout.Root);
        activity?.SetTag("catalogue", catalogue.Origin.Kind.ToString().ToLowerInvariant());
        var outcomeName = "failed";
        try
        {
            var outcome = await RunCoreAsync(catalogue, request, started, cancellationToken).ConfigureAwait(false);
            outcomeName = outcome.OutcomeName;
            activity?.SetTag("snapshot_id", outcome.SnapshotId);
            if (outcome.Error is not null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
            }

            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcomeName = "cancelled";
            throw;
        }
        finally
        {
            activity?.SetTag("outcome", outcomeName);
            RefreshTelemetry.Refreshed(outcomeName, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<RefreshOutcome> RunCoreAsync(SourceCatalogue catalogue, RefreshRequest request, long started, CancellationToken cancellationToken)
    {
        LogCatalogue(_logger, catalogue.Origin.ToString());
        foreach (var skipped in catalogue.Origin.Skipped)
        {
            LogSkipped(_logger, skipped.Id, skipped.Reason);
        }

        try
        {
            Parquet.ParquetWriterChoice.LogOnce(_logger); // an invalid INEQUALITIES_PARQUET_WRITER fails the run before any fetch
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogError("Refresh failed; the current snapshot stays as it was. {Error}", ex.Message);
            return new RefreshOutcome(false, null, [], ex.Message);
        }

        Directory.CreateDirectory(_layout.Root);
        ObserveSnapshotAge();
        foreach (var removed in SnapshotPublisher.CleanDebris(_layout))
        {
            _logger.LogInformation("Removed debris of an interrupted run: {Path}", removed);
        }

        SnapshotRetention.CleanDeleting(_layout);
        var rawCache = new RawCache(_layout.Root);
        var results = await FetchAsync(catalogue, request, rawCache, cancellationToken).ConfigureAwait(false);
        var notDue = results.Where(r => r.NotDue).Select(r => r.Result.Source.Id).ToHashSet(StringComparer.Ordinal);
        var fetched = results.Select(r => r.Result).ToList();

        var missing = fetched.Where(r => r.File is null).ToList();
        if (missing.Count > 0)
        {
            var error = string.Join(Environment.NewLine, missing.Select(r => $"source '{r.Source.Id}' failed and has no earlier copy: {r.Error}"));
            _logger.LogError("Refresh failed; the current snapshot stays as it was. {Error}", error);
            var failedReports = Reports(fetched, notDue, rows: null, parses: null);
            LogSources(failedReports);
            return new RefreshOutcome(false, null, fetched, error) { Reports = failedReports };
        }

        var fingerprints = fetched.ToDictionary(r => r.Source.Id, r => SourceFingerprint.Of(r.Source), StringComparer.Ordinal);
        if (!request.Force && CurrentIfUnchanged(fetched, fingerprints, request.Sample) is { } current)
        {
            var rows = current.Sources.Where(s => s.Rows is not null).ToDictionary(s => s.Id, s => s.Rows!.Value, StringComparer.Ordinal);
            var unchangedReports = Reports(fetched, notDue, rows, parses: null);
            LogSources(unchangedReports);
            var kept = ApplyRetention(catalogue);
            RecordSources(unchangedReports);
            RefreshTelemetry.SnapshotCurrent(_layout.Root, _timeProvider, _timeProvider.GetUtcNow());
            LogNothingChanged(_logger, current.SnapshotId, Stopwatch.GetElapsedTime(started).TotalSeconds);
            return new RefreshOutcome(false, current.SnapshotId, fetched, null) { NothingChanged = true, Reports = unchangedReports, Deleted = kept };
        }

        using var staging = new SnapshotPublisher(_layout, _timeProvider).Begin();
        BuildResult build;
        _parseCache.BeginRun(fetched.ToDictionary(r => r.Source.Id, r => r.File!.Sha256 + ":" + fingerprints[r.Source.Id] + ":" + r.File.Member, StringComparer.Ordinal));
        try
        {
            // A templated member is read as the fetch resolved it (the month whose file was found).
            var files = fetched.Select(r => (r.File!.Member is { } member ? r.Source with { Member = member } : r.Source, r.File.Path)).ToList();
            build = await LakeBuilder.BuildAsync(files, catalogue.Gradients, staging, _logger, cancellationToken, catalogue.AssetNeed, _parseCache).ConfigureAwait(false);
        }
        catch (SourceDataException ex)
        {
            var error = $"source '{ex.SourceId}' could not be used: {ex.Message}";
            _logger.LogError("Refresh failed; the current snapshot stays as it was. {Error}", error);
            var failedReports = Reports(fetched, notDue, rows: null, _parseCache.LastRun);
            LogSources(failedReports);
            return new RefreshOutcome(false, null, fetched, error) { Reports = failedReports };
        }
        finally
        {
            _parseCache.EndRun();
        }

        var manifest = new SnapshotManifest
        {
            SnapshotId = staging.Id,
            CreatedAt = staging.CreatedAt,
            ToolVersion = ToolVersion,
            Catalogue = catalogue.Path,
            CatalogueOrigin = catalogue.Origin,
            Sample = request.Sample,
            Sources = fetched.Select(r => ToProvenance(r, build, fingerprints[r.Source.Id])).ToList(),
            Tables = build.Tables,
        };
        manifest = manifest with { Briefs = await WriteBriefsAsync(request, staging.Directory, manifest, cancellationToken).ConfigureAwait(false) };

        var folder = await staging.PublishAsync(manifest, LakeBuilder.CountRowsAsync, cancellationToken).ConfigureAwait(false);
        var reports = Reports(fetched, notDue, build.Rows, _parseCache.LastRun);
        LogSources(reports);
        _logger.LogInformation(
            "Published snapshot {SnapshotId} ({Sources} sources, {Stale} stale, {Reparsed} parsed) in {Elapsed:F1}s at {Folder}",
            staging.Id,
            fetched.Count,
            fetched.Count(r => r.IsStale),
            reports.Count(r => r.Parsed),
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            folder);
        var deleted = ApplyRetention(catalogue);
        RecordSources(reports);
        RefreshTelemetry.SnapshotCurrent(_layout.Root, _timeProvider, staging.CreatedAt);
        return new RefreshOutcome(true, staging.Id, fetched, null) { Reports = reports, Deleted = deleted };
    }

    /// <summary>The request's briefings, written into the staging folder; a delegate that throws costs the briefings, never the data.</summary>
    private async Task<IReadOnlyList<BriefEntry>?> WriteBriefsAsync(RefreshRequest request, string directory, SnapshotManifest manifest, CancellationToken cancellationToken)
    {
        if (request.WriteBriefs is not { } write)
        {
            return null;
        }

        try
        {
            return await write(LakeSnapshot.Staged(directory, manifest), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Briefings failed; the snapshot is published without them: {Error}", ex.Message);
            var briefs = Path.Combine(directory, "briefs");
            if (Directory.Exists(briefs))
            {
                Directory.Delete(briefs, recursive: true);
            }

            return [new BriefEntry { AreaCode = "*", Format = "*", Status = "failed", Error = ex.Message }];
        }
    }

    private static void RecordSources(IReadOnlyList<SourceRun> reports)
    {
        foreach (var r in reports)
        {
            RefreshTelemetry.Source(r.Id, r.Rows, r.File?.Bytes);
        }
    }

    /// <summary>Starts the snapshot-age gauge for this lake from its current snapshot, the first time the lake is refreshed in this process.</summary>
    private void ObserveSnapshotAge()
    {
        if (RefreshTelemetry.IsObserved(_layout.Root) || _layout.ReadCurrentId() is not { } id)
        {
            return;
        }

        try
        {
            RefreshTelemetry.Observe(_layout.Root, _timeProvider, SnapshotManifest.Read(Path.Combine(_layout.SnapshotDirectory(id), "manifest.json")).CreatedAt);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // An unreadable current snapshot is reported by the refresh itself; the gauge starts at the next publication.
        }
    }

    private async Task<List<(FetchResult Result, bool NotDue)>> FetchAsync(SourceCatalogue catalogue, RefreshRequest request, RawCache rawCache, CancellationToken cancellationToken)
    {
        var enabled = catalogue.Enabled.ToList();
        var kept = new Dictionary<string, FetchResult>(StringComparer.Ordinal);
        if (request.Due is { } due)
        {
            foreach (var source in enabled.Where(s => !due.Contains(s.Id)))
            {
                RawFile? copy = null;
                try
                {
                    copy = rawCache.TryGetLatest(source.Id);
                }
                catch (InvalidDataException ex)
                {
                    _logger.LogWarning("Source {SourceId}: its raw copy is unreadable, so it is fetched although not due: {Error}", source.Id, ex.Message);
                }

                if (copy is not null)
                {
                    kept[source.Id] = new FetchResult(source, SourceStatus.Unchanged, copy, null, 0, TimeSpan.Zero);
                }
            }
        }

        var toFetch = kept.Count == 0 ? catalogue : catalogue.Only(enabled.Where(s => !kept.ContainsKey(s.Id)).Select(s => s.Id));
        var fetched = await _fetcher.FetchAllAsync(toFetch, rawCache, request.Progress, cancellationToken).ConfigureAwait(false);
        var byId = fetched.ToDictionary(r => r.Source.Id, StringComparer.Ordinal);
        return enabled.Select(s => kept.TryGetValue(s.Id, out var k) ? (k, true) : (byId[s.Id], false)).ToList();
    }

    /// <summary>The current snapshot's manifest when this refresh would rebuild exactly what it holds; otherwise null.</summary>
    private SnapshotManifest? CurrentIfUnchanged(IReadOnlyList<FetchResult> results, IReadOnlyDictionary<string, string> fingerprints, bool sample)
    {
        var currentId = _layout.ReadCurrentId();
        if (currentId is null)
        {
            return null;
        }

        SnapshotManifest manifest;
        try
        {
            manifest = SnapshotManifest.Read(Path.Combine(_layout.SnapshotDirectory(currentId), "manifest.json"));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _logger.LogWarning("The current snapshot {SnapshotId} cannot be read, so a new one is built: {Error}", currentId, ex.Message);
            return null;
        }

        if (manifest.ToolVersion != ToolVersion || manifest.Sample != sample || manifest.Sources.Count != results.Count)
        {
            return null;
        }

        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var recorded = manifest.Sources[i];
            if (recorded.Id != result.Source.Id ||
                recorded.Sha256 != result.File?.Sha256 ||
                recorded.DefinitionSha256 != fingerprints[result.Source.Id] ||
                recorded.Stale != result.IsStale ||
                recorded.Url != (result.File?.Url ?? result.Source.Url) ||
                recorded.Member != result.File?.Member)
            {
                return null;
            }
        }

        return manifest;
    }

    private IReadOnlyList<string> ApplyRetention(SourceCatalogue catalogue)
    {
        try
        {
            var deleted = SnapshotRetention.Apply(_layout, catalogue.Defaults.KeepSnapshots);
            if (deleted.Count > 0)
            {
                _logger.LogInformation("Retention (keep {Keep}): deleted snapshots {Deleted}", catalogue.Defaults.KeepSnapshots, string.Join(", ", deleted));
            }

            return deleted;
        }
        catch (IOException ex)
        {
            _logger.LogWarning("Retention could not delete an old snapshot; it is retried after the next refresh: {Error}", ex.Message);
            return [];
        }
    }

    private static List<SourceRun> Reports(
        IReadOnlyList<FetchResult> results,
        IReadOnlySet<string> notDue,
        IReadOnlyDictionary<string, long>? rows,
        IReadOnlyDictionary<string, SourceParse>? parses) =>
        results.Select(r =>
        {
            var id = r.Source.Id;
            var parse = parses is not null && parses.TryGetValue(id, out var p) ? p : default;
            var status = notDue.Contains(id) ? SourceStatus.NotDue : r.Status;
            return new SourceRun(
                id,
                status,
                r.File,
                rows is not null && rows.TryGetValue(id, out var n) ? n : null,
                parses is not null && parses.ContainsKey(id) && !parse.Reused,
                r.Duration,
                parse.Duration,
                r.Error);
        }).ToList();

    private void LogSources(IReadOnlyList<SourceRun> reports)
    {
        foreach (var r in reports)
        {
            LogSource(
                _logger,
                r.Id,
                r.Status.Name(),
                r.File?.Bytes ?? 0,
                r.Rows,
                (long)r.FetchDuration.TotalMilliseconds,
                (long)r.ParseDuration.TotalMilliseconds,
                r.Parsed ? "parsed" : "reused",
                r.Stale,
                r.Error);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Source {SourceId}: {Status}, {Bytes} bytes, {Rows} rows, fetch {FetchMs} ms, parse {ParseMs} ms ({Parse}), stale {Stale}, error {Error}")]
    private static partial void LogSource(ILogger logger, string sourceId, string status, long bytes, long? rows, long fetchMs, long parseMs, string parse, bool stale, string? error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Catalogue: {Origin}")]
    private static partial void LogCatalogue(ILogger logger, string origin);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Source {SourceId}: skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string sourceId, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Nothing changed since snapshot {SnapshotId}: every source and definition is the same; nothing published ({Elapsed:F1}s)")]
    private static partial void LogNothingChanged(ILogger logger, string snapshotId, double elapsed);

    private static SourceProvenance ToProvenance(FetchResult result, BuildResult build, string fingerprint) => new()
    {
        DefinitionSha256 = fingerprint,
        Rows = build.Rows.TryGetValue(result.Source.Id, out var rows) ? rows : null,
        Note = build.NotUsed.GetValueOrDefault(result.Source.Id) ?? build.Notes?.GetValueOrDefault(result.Source.Id),
        RejectedRows = build.Rejected?.GetValueOrDefault(result.Source.Id) is { Count: > 0 } rejected ? rejected.Count : null,
        RejectedExamples = build.Rejected?.GetValueOrDefault(result.Source.Id) is { Count: > 0 } examples ? [.. examples.Take(10).Select(r => r.ToString())] : null,
        Id = result.Source.Id,
        Url = result.File?.Url ?? result.Source.Url,
        FinalUrl = result.File?.FinalUrl,
        Mirror = result.File?.Mirror,
        Member = result.File?.Member,
        ColumnsUsed = build.ColumnsUsed?.GetValueOrDefault(result.Source.Id),
        RetrievedAt = result.File?.RetrievedAt,
        Bytes = result.File?.Bytes,
        Sha256 = result.File?.Sha256,
        Licence = result.Source.Licence,
        Publisher = result.Source.Publisher,
        Period = result.Source.Period,
        Attribution = Attribution.For(result.Source),
        Status = result.Status,
        Error = result.Error,
        Stale = result.IsStale,
    };
}
