using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Operations;

/// <summary>How <see cref="LakeRefresh.RunOnceAsync"/> runs: the <c>refresh</c> verb's options.</summary>
public sealed record LakeRefreshOptions
{
    /// <summary>How long to wait for another refresh or worker holding the lake.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>: give up at once.</value>
    public TimeSpan Wait { get; init; }

    /// <summary>Read only the raw cache; never touch the network.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Offline { get; init; }

    /// <summary>Whether the catalogue points at the sample mirror (recorded in the manifest).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Sample { get; init; }

    /// <summary>Publish a new snapshot even when nothing changed.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Force { get; init; }

    /// <summary>Download progress, for a terminal.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IProgress<FetchProgress>? Progress { get; init; }

    /// <summary>
    /// Called with the catalogue once the lake lock is held, before the refresh (e.g. to generate the sample mirror
    /// into the lake and point the catalogue at it).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the catalogue as given.</value>
    public Func<SourceCatalogue, SourceCatalogue>? Prepare { get; init; }

    /// <summary>Writes the briefings into the new snapshot before it is published (see <see cref="RefreshRequest.WriteBriefs"/>).</summary>
    /// <value>The default value is <see langword="null"/>: no briefings.</value>
    public Func<LakeSnapshot, CancellationToken, Task<IReadOnlyList<BriefEntry>>>? WriteBriefs { get; init; }
}

/// <summary>What <see cref="LakeRefresh.RunOnceAsync"/> did.</summary>
/// <param name="Outcome">The refresh's outcome; null when the lake was busy.</param>
/// <param name="Holder">Who held the lake, when it was busy.</param>
public sealed record LakeRefreshResult(RefreshOutcome? Outcome, string? Holder)
{
    /// <summary>Whether another refresh or worker held the lake, so nothing ran.</summary>
    public bool Busy => Outcome is null;
}

/// <summary>
/// One refresh of a lake, as the <c>refresh</c> verb runs it: takes the lake lock (waiting for another refresh or
/// worker up to <see cref="LakeRefreshOptions.Wait"/>), fetches, builds and publishes with a <see cref="RefreshRunner"/>,
/// and records the run in status.json (a status file that cannot be written is logged and does not fail the refresh).
/// </summary>
public static class LakeRefresh
{
    /// <summary>Runs one refresh.</summary>
    /// <param name="layout">The lake.</param>
    /// <param name="catalogue">The sources.</param>
    /// <param name="options">Waiting, offline, sample, force, progress.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Where the refresh logs (category <c>Inequalities.Refresh</c> for its own lines).</param>
    /// <param name="cancellationToken">Stops the refresh; nothing is published after it (recorded as <c>cancelled</c>, then rethrown).</param>
    /// <exception cref="OperationCanceledException">The refresh was stopped; the run is recorded as cancelled.</exception>
    public static async Task<LakeRefreshResult> RunOnceAsync(
        LakeLayout layout,
        SourceCatalogue catalogue,
        LakeRefreshOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("Inequalities.Refresh");
        var (lakeLock, holder) = await LakeLock.TryAcquireAsync(layout, options.Wait, timeProvider, cancellationToken).ConfigureAwait(false);
        if (lakeLock is null)
        {
            return new LakeRefreshResult(null, holder);
        }

        using var held = lakeLock;
        catalogue = options.Prepare?.Invoke(catalogue) ?? catalogue;
        using var fetcher = new SourceFetcher(new FetchOptions { Offline = options.Offline }, timeProvider, loggerFactory.CreateLogger<SourceFetcher>());
        // One run: nothing to reuse later, so the parsed sources go as soon as the tables are built.
        var runner = new RefreshRunner(layout, fetcher, timeProvider, loggerFactory.CreateLogger<RefreshRunner>()) { KeepParsedSources = false };
        var started = timeProvider.GetUtcNow();
        try
        {
            var request = new RefreshRequest { Sample = options.Sample, Progress = options.Progress, Force = options.Force, WriteBriefs = options.WriteBriefs };
            var outcome = await runner.RunAsync(catalogue, request, cancellationToken).ConfigureAwait(false);
            RecordRun(layout, outcome, started, timeProvider, logger);
            return new LakeRefreshResult(outcome, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RecordRun(layout, null, started, timeProvider, logger);
            throw;
        }
    }

    /// <summary>Records the run in status.json for <c>inequalities status</c>; a status file that cannot be written does not fail the refresh.</summary>
    private static void RecordRun(LakeLayout layout, RefreshOutcome? outcome, DateTimeOffset started, TimeProvider timeProvider, ILogger logger)
    {
        try
        {
            LakeStatus.RecordRefresh(layout, outcome, started, timeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not record the run in {StatusFile}: {Error}", layout.StatusFile, ex.Message);
        }
    }
}
