using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Inequalities.Sources.Fetch;

/// <summary>
/// Downloads sources into the <see cref="RawCache"/>: conditional GET, streamed to a temporary file while hashing,
/// checked (size, Content-Type, HTML sniffing, magic numbers, pinned SHA-256, zip safety, decompression limits) and
/// only then swapped in. Transient failures are retried with exponential backoff and jitter (honouring
/// <c>Retry-After</c>) behind a per-host circuit breaker and a per-attempt timeout. A failure never damages the last
/// good copy, and never throws: it is reported in the <see cref="FetchResult"/>.
/// </summary>
public sealed partial class SourceFetcher : IDisposable
{
    private const int BufferSize = 81920;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    /// <summary>Creates a fetcher with one shared HTTP connection pool.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="timeProvider">The clock for timestamps, timeouts and retry delays.</param>
    /// <param name="logger">Receives one line per source, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public SourceFetcher(FetchOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.ResponseHeadersTimeout,
            UseCookies = false,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Fetches one source into the raw cache.</summary>
    /// <param name="source">The source.</param>
    /// <param name="allowedHosts">Hosts (and <c>*.suffix</c> patterns) a redirect may lead to (usually <see cref="SourceCatalogue.AllowedHosts"/>).</param>
    /// <param name="cache">The raw cache.</param>
    /// <param name="progress">Receives download progress now and then, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The outcome; a failure is reported here with the last good copy, never thrown.</returns>
    /// <exception cref="OperationCanceledException">The fetch was cancelled.</exception>
    public Task<FetchResult> FetchAsync(
        SourceDefinition source,
        IReadOnlySet<string> allowedHosts,
        RawCache cache,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        FetchAsync(source, allowedHosts, [], cache, progress, cancellationToken);

    /// <summary>Fetches one source into the raw cache, sending requests through mirrors where a rule matches.</summary>
    /// <param name="source">The source.</param>
    /// <param name="allowedHosts">Hosts (and <c>*.suffix</c> patterns) a redirect may lead to (usually <see cref="SourceCatalogue.AllowedHosts"/>).</param>
    /// <param name="mirrors">Where requests go instead of the publisher (usually <see cref="SourceCatalogue.Mirrors"/>).</param>
    /// <param name="cache">The raw cache.</param>
    /// <param name="progress">Receives download progress now and then, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The outcome; a failure is reported here with the last good copy, never thrown.</returns>
    /// <exception cref="OperationCanceledException">The fetch was cancelled.</exception>
    public Task<FetchResult> FetchAsync(
        SourceDefinition source,
        IReadOnlySet<string> allowedHosts,
        IReadOnlyList<MirrorRule> mirrors,
        RawCache cache,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        ArgumentNullException.ThrowIfNull(mirrors);
        ArgumentNullException.ThrowIfNull(cache);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return FetchCoreAsync(source, new Route(allowedHosts, mirrors, _options.UserAgent), cache, progress, cancellationToken);
    }

    /// <summary>
    /// Fetches every enabled source of a catalogue, at most <see cref="FetchOptions.MaxParallelSources"/> at once.
    /// One source failing never stops the others.
    /// </summary>
    /// <param name="catalogue">The catalogue (its <c>allowed_hosts</c>, <c>mirrors</c> and <c>user_agent</c> apply).</param>
    /// <param name="cache">The raw cache.</param>
    /// <param name="progress">Receives download progress now and then, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>One result per enabled source, in catalogue order.</returns>
    /// <exception cref="OperationCanceledException">The fetch was cancelled.</exception>
    public async Task<IReadOnlyList<FetchResult>> FetchAllAsync(
        SourceCatalogue catalogue,
        RawCache cache,
        IProgress<FetchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(cache);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sources = catalogue.Enabled.ToList();
        var results = new FetchResult[sources.Count];
        var userAgent = string.IsNullOrWhiteSpace(catalogue.Defaults.UserAgent) ? _options.UserAgent : catalogue.Defaults.UserAgent;
        var route = new Route(catalogue.AllowedHosts, catalogue.Mirrors, userAgent);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSources, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), parallel, async (i, token) =>
            results[i] = await FetchCoreAsync(sources[i], route, cache, progress, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _client.Dispose();
        }
    }

    private async Task<FetchResult> FetchCoreAsync(
        SourceDefinition source,
        Route route,
        RawCache cache,
        IProgress<FetchProgress>? progress,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = FetchTelemetry.ActivitySource.StartActivity("fetch " + source.Id);
        activity?.SetTag("source_id", source.Id);
        var started = _time.GetTimestamp();
        var where = new StrongBox<string>(Where(source));
        RawFile? cached = null;
        try
        {
            cached = cache.TryGetLatest(source.Id);
        }
        catch (InvalidDataException ex)
        {
            LogBadMeta(_logger, source.Id, ex.Message);
        }

        if (_options.Offline)
        {
            return Finish(cached is null
                ? new FetchResult(source, SourceStatus.Failed, null, Describe(source, where.Value!, "offline and no cached copy"), 0, _time.GetElapsedTime(started))
                : new FetchResult(source, SourceStatus.Unchanged, cached, null, 0, _time.GetElapsedTime(started)));
        }

        var attempts = 0;
        var host = FetchTelemetry.HostOf(source.Location);
        try
        {
            cache.CleanDebris(source.Id);
            var job = new Job(source, route, cache, cached, progress, retry =>
            {
                Interlocked.Increment(ref attempts);
                FetchTelemetry.Attempt(source.Id, host, retry);
            });
            var download = await DownloadMonthsAsync(job, where, cancellationToken).ConfigureAwait(false);
            if (download.TempPath is null)
            {
                // 304 Not Modified (or an ArcGIS layer not edited since): the cached copy stands and nothing is rewritten.
                return Finish(new FetchResult(source, SourceStatus.Unchanged, cached, null, attempts, _time.GetElapsedTime(started)));
            }

            try
            {
                if (cached is not null && string.Equals(cached.Sha256, download.Sha256, StringComparison.Ordinal))
                {
                    var refreshed = cached with
                    {
                        Url = download.Url,
                        ETag = download.ETag ?? cached.ETag,
                        LastModified = download.LastModified ?? cached.LastModified,
                        ContentType = download.ContentType ?? cached.ContentType,
                        FinalUrl = download.FinalUrl,
                        Mirror = download.Mirror,
                        Member = download.Member,
                        LayerEditDate = download.LayerEditDate ?? cached.LayerEditDate,
                    };
                    if (refreshed != cached)
                    {
                        cache.WriteMeta(refreshed);
                    }

                    return Finish(new FetchResult(source, SourceStatus.Unchanged, refreshed, null, attempts, _time.GetElapsedTime(started)));
                }

                var file = cache.Commit(
                    download.TempPath,
                    ContentChecks.Extension(source.Format),
                    new RawFile(source.Id, download.TempPath, download.Sha256, download.Bytes, _time.GetUtcNow(), download.Url, download.ETag, download.LastModified, download.ContentType)
                    {
                        FinalUrl = download.FinalUrl,
                        Mirror = download.Mirror,
                        Member = download.Member,
                        LayerEditDate = download.LayerEditDate,
                    });
                return Finish(new FetchResult(source, SourceStatus.Fetched, file, null, attempts, _time.GetElapsedTime(started)));
            }
            finally
            {
                if (File.Exists(download.TempPath))
                {
                    RawCache.TryDelete(download.TempPath);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var reason = Reason(ex, source, attempts);
            return Finish(new FetchResult(source, SourceStatus.Failed, cached, Describe(source, where.Value!, reason), attempts, _time.GetElapsedTime(started)));
        }
    }

    /// <summary>
    /// Downloads a source; a templated one is tried for the current month and then up to <c>fallback_months</c>
    /// earlier ones, newest first, while the publisher has no such file (404, 410, or the zip lacks the member).
    /// <paramref name="where"/> is set to the URL or path being tried, for the message when it fails.
    /// </summary>
    private async Task<Download> DownloadMonthsAsync(Job job, StrongBox<string> where, CancellationToken cancellationToken)
    {
        var source = job.Source;
        var months = source.IsTemplated ? source.FallbackMonths + 1 : 1;
        var missing = new List<string>();
        for (var back = 0; ; back++)
        {
            var resolved = source.IsTemplated ? source.ForMonth(MonthTemplate.MonthOf(_time, back)) : source;
            where.Value = Where(resolved);
            try
            {
                var month = job with { Source = resolved };
                var download = resolved.IsFile
                    ? await ReadLocalAsync(month, cancellationToken).ConfigureAwait(false)
                    : resolved.Format == SourceFormat.ArcGis
                        ? await ArcGisAsync(month, cancellationToken).ConfigureAwait(false)
                        : await DownloadAsync(month, cancellationToken).ConfigureAwait(false);
                return source.IsTemplated ? download with { Member = resolved.Member } : download;
            }
            catch (PermanentFetchException ex) when (ex.NotFound && source.IsTemplated)
            {
                missing.Add(where.Value + (resolved.Member is { } member ? $" (member {member})" : string.Empty));
                if (back + 1 >= months)
                {
                    throw new PermanentFetchException(
                        missing.Count == 1
                            ? ex.Message
                            : $"{ex.Message}; no month had the file (tried, newest first: {string.Join(", ", missing)}; fallback_months is {source.FallbackMonths})",
                        notFound: true);
                }

                LogFallback(_logger, source.Id, where.Value, ex.Message);
            }
        }
    }

    private static string Where(SourceDefinition source) => source.IsFile ? source.Location.LocalPath : source.Location.ToString();

    private FetchResult Finish(FetchResult result)
    {
        var bytes = result.File?.Bytes ?? 0;
        var ms = (long)result.Duration.TotalMilliseconds;
        if (Activity.Current is { } activity && activity.Source == FetchTelemetry.ActivitySource)
        {
            activity.SetTag("status", result.Status.ToString().ToLowerInvariant());
            activity.SetTag("bytes", bytes);
            activity.SetTag("attempts", result.Attempts);
            if (result.Status == SourceStatus.Failed)
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Error);
            }
        }

        if (result.Status == SourceStatus.Failed)
        {
            FetchTelemetry.Failure(result.Source.Id, FetchTelemetry.HostOf(result.Source.Location));
            LogFailed(_logger, result.Source.Id, result.Attempts, ms, result.IsStale, result.Error ?? string.Empty);
        }
        else
        {
            LogDone(_logger, result.Source.Id, result.Status, bytes, ms, result.Attempts);
        }

        return result;
    }

    private static string Describe(SourceDefinition source, string where, string reason) => $"Source '{source.Id}' ({where}): {reason}";

    private string Reason(Exception ex, SourceDefinition source, int attempts)
    {
        var after = attempts > 1 ? $" (after {attempts} {(source.Format == SourceFormat.ArcGis ? "requests" : "attempts")})" : string.Empty;
        return ex switch
        {
            PermanentFetchException => ex.Message + after,
            TransientFetchException => ex.Message + after,
            TimeoutRejectedException => $"an attempt took longer than the attempt timeout of {_options.AttemptTimeout}" + after,
            BrokenCircuitException broken => $"the circuit for host '{source.Location.IdnHost}' is open after repeated failures" +
                (broken.RetryAfter is { } wait ? $"; it closes again in {wait}" : string.Empty) + after,
            _ => $"{ex.GetType().Name}: {ex.Message}" + after,
        };
    }

    private ResiliencePipeline PipelineFor(Uri location)
    {
        var key = location.IdnHost + ":" + location.Port.ToString(CultureInfo.InvariantCulture);
        return _pipelines.GetOrAdd(key, static (host, self) => self.BuildPipeline(host), this);
    }

    private ResiliencePipeline BuildPipeline(string host)
    {
        var transient = new PredicateBuilder().Handle<TransientFetchException>().Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time, Name = "fetch", InstanceName = host };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is TransientFetchException { RetryAfter: { } wait } ? RetryDelay(wait, _options.MaxDelay) : null),
                OnRetry = args =>
                {
                    LogRetry(_logger, host, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message ?? string.Empty);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = transient,
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakDuration,
        });
        builder.AddTimeout(_options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>The wait before the next attempt when the server sent Retry-After: what it asked, capped.</summary>
    internal static TimeSpan RetryDelay(TimeSpan retryAfter, TimeSpan maxDelay) => retryAfter > maxDelay ? maxDelay : retryAfter;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Source {SourceId}: {Status}, {Bytes} bytes in {DurationMs} ms, {Attempts} attempt(s)")]
    private static partial void LogDone(ILogger logger, string sourceId, SourceStatus status, long bytes, long durationMs, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Source {SourceId}: Failed after {Attempts} attempt(s) in {DurationMs} ms (stale copy kept: {Stale}): {Error}")]
    private static partial void LogFailed(ILogger logger, string sourceId, int attempts, long durationMs, bool stale, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Host {Host}: retrying (attempt {Attempt}) in {DelayMs} ms after: {Reason}")]
    private static partial void LogRetry(ILogger logger, string host, int attempt, long delayMs, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Source {SourceId}: ignoring an unreadable raw cache entry: {Reason}")]
    private static partial void LogBadMeta(ILogger logger, string sourceId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Source {SourceId}: {Url} is not there ({Reason}); trying the month before")]
    private static partial void LogFallback(ILogger logger, string sourceId, string url, string reason);

    /// <summary>A checked file in a temporary place, or (TempPath null) unchanged since the cached copy.</summary>
    private sealed record Download(string? TempPath, string Sha256, long Bytes, string Url, string? ETag, DateTimeOffset? LastModified, string? ContentType)
    {
        public string? FinalUrl { get; init; }

        public string? Mirror { get; init; }

        public string? Member { get; init; }

        public DateTimeOffset? LayerEditDate { get; init; }
    }

    /// <summary>One source's fetch: the source (resolved for one month), where it goes, its cached copy, and the attempt counter.</summary>
    private sealed record Job(SourceDefinition Source, Route Route, RawCache Cache, RawFile? Cached, IProgress<FetchProgress>? Progress, Action<bool> OnAttempt);

    /// <summary>What every request of a fetch follows: the allow-list for redirects, the mirrors, the User-Agent.</summary>
    private sealed record Route(IReadOnlySet<string> AllowedHosts, IReadOnlyList<MirrorRule> Mirrors, string UserAgent);
}
