using System.Diagnostics;
using System.Reflection;
using Inequalities.Lake.Build;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Lake.Refresh;

/// <summary>The result of one refresh.</summary>
/// <param name="Published">Whether a new snapshot became current.</param>
/// <param name="SnapshotId">The new snapshot's id, when one was published.</param>
/// <param name="Sources">What happened to each source, in catalogue order.</param>
/// <param name="Error">Why nothing was published, when nothing was.</param>
public sealed record RefreshOutcome(bool Published, string? SnapshotId, IReadOnlyList<FetchResult> Sources, string? Error);

/// <summary>
/// One full refresh: fetch every enabled source into the raw cache, build the snapshot, publish it atomically.
/// A failure leaves the previous snapshot current.
/// </summary>
public sealed class RefreshRunner
{
    private readonly LakeLayout _layout;
    private readonly SourceFetcher _fetcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

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

    /// <summary>The version written into manifests.</summary>
    public static string ToolVersion { get; } =
        typeof(RefreshRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Runs one refresh.</summary>
    /// <param name="catalogue">The sources to refresh.</param>
    /// <param name="sample">Whether the catalogue points at the generated sample mirror (recorded in the manifest).</param>
    /// <param name="progress">Download progress, for a terminal.</param>
    /// <param name="cancellationToken">Stops the refresh; nothing is published after cancellation.</param>
    public async Task<RefreshOutcome> RunAsync(
        SourceCatalogue catalogue,
        bool sample = false,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(_layout.Root);
        foreach (var removed in SnapshotPublisher.CleanDebris(_layout))
        {
            _logger.LogInformation("Removed debris of an interrupted run: {Path}", removed);
        }

        var results = await _fetcher.FetchAllAsync(catalogue, new RawCache(_layout.Root), progress, cancellationToken).ConfigureAwait(false);
        var missing = results.Where(r => r.File is null).ToList();
        if (missing.Count > 0)
        {
            var error = string.Join(Environment.NewLine, missing.Select(r => $"source '{r.Source.Id}' failed and has no earlier copy: {r.Error}"));
            _logger.LogError("Refresh failed; the current snapshot stays as it was. {Error}", error);
            return new RefreshOutcome(false, null, results, error);
        }

        using var staging = new SnapshotPublisher(_layout, _timeProvider).Begin();
        BuildResult build;
        try
        {
            var files = results.Select(r => (r.Source, r.File!.Path)).ToList();
            build = await LakeBuilder.BuildAsync(files, catalogue.Gradients, staging, _logger, cancellationToken, catalogue.AssetNeed).ConfigureAwait(false);
        }
        catch (SourceDataException ex)
        {
            var error = $"source '{ex.SourceId}' could not be used: {ex.Message}";
            _logger.LogError("Refresh failed; the current snapshot stays as it was. {Error}", error);
            return new RefreshOutcome(false, null, results, error);
        }

        var manifest = new SnapshotManifest
        {
            SnapshotId = staging.Id,
            CreatedAt = staging.CreatedAt,
            ToolVersion = ToolVersion,
            Catalogue = catalogue.Path,
            Sample = sample,
            Sources = results.Select(r => ToProvenance(r, build)).ToList(),
            Tables = build.Tables,
        };

        var folder = await staging.PublishAsync(manifest, LakeBuilder.CountRowsAsync, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            "Published snapshot {SnapshotId} ({Sources} sources, {Stale} stale) in {Elapsed:F1}s at {Folder}",
            staging.Id,
            results.Count,
            results.Count(r => r.IsStale),
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            folder);
        return new RefreshOutcome(true, staging.Id, results, null);
    }

    private static SourceProvenance ToProvenance(FetchResult result, BuildResult build) => new()
    {
        Rows = build.Rows.TryGetValue(result.Source.Id, out var rows) ? rows : null,
        Note = build.NotUsed.GetValueOrDefault(result.Source.Id) ?? build.Notes?.GetValueOrDefault(result.Source.Id),
        RejectedRows = build.Rejected?.GetValueOrDefault(result.Source.Id) is { Count: > 0 } rejected ? rejected.Count : null,
        RejectedExamples = build.Rejected?.GetValueOrDefault(result.Source.Id) is { Count: > 0 } examples ? [.. examples.Take(10).Select(r => r.ToString())] : null,
        Id = result.Source.Id,
        Url = result.File?.Url ?? result.Source.Url,
        RetrievedAt = result.File?.RetrievedAt,
        Bytes = result.File?.Bytes,
        Sha256 = result.File?.Sha256,
        Licence = result.Source.Licence,
        Publisher = result.Source.Publisher,
        Status = result.Status switch
        {
            FetchStatus.Fetched => SourceStatus.Fetched,
            FetchStatus.Unchanged => SourceStatus.Unchanged,
            _ => SourceStatus.Failed,
        },
        Error = result.Error,
        Stale = result.IsStale,
    };
}
