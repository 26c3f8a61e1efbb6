using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Inequalities.Sources.Catalogue;
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
    /// <param name="allowedHosts">Hosts a redirect may lead to (usually <see cref="SourceCatalogue.AllowedHosts"/>).</param>
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
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        ArgumentNullException.ThrowIfNull(cache);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return FetchCoreAsync(source, allowedHosts, cache, _options.UserAgent, progress, cancellationToken);
    }

    /// <summary>
    /// Fetches every enabled source of a catalogue, at most <see cref="FetchOptions.MaxParallelSources"/> at once.
    /// One source failing never stops the others.
    /// </summary>
    /// <param name="catalogue">The catalogue (its <c>allowed_hosts</c> and <c>user_agent</c> apply).</param>
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
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelSources, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), parallel, async (i, token) =>
            results[i] = await FetchCoreAsync(sources[i], catalogue.AllowedHosts, cache, userAgent, progress, token).ConfigureAwait(false))
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
        IReadOnlySet<string> allowedHosts,
        RawCache cache,
        string userAgent,
        IProgress<FetchProgress>? progress,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = _time.GetTimestamp();
        var where = source.IsFile ? source.Location.LocalPath : source.Location.ToString();
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
                ? new FetchResult(source, FetchStatus.Failed, null, Describe(source, where, "offline and no cached copy"), 0, _time.GetElapsedTime(started))
                : new FetchResult(source, FetchStatus.Unchanged, cached, null, 0, _time.GetElapsedTime(started)));
        }

        var attempts = 0;
        try
        {
            cache.CleanDebris(source.Id);
            var download = source.IsFile
                ? await ReadLocalAsync(source, cache, progress, () => attempts++, cancellationToken).ConfigureAwait(false)
                : await DownloadAsync(source, allowedHosts, cache, cached, userAgent, progress, () => Interlocked.Increment(ref attempts), cancellationToken).ConfigureAwait(false);
            if (download.TempPath is null)
            {
                // 304 Not Modified: the cached copy stands and nothing is rewritten.
                return Finish(new FetchResult(source, FetchStatus.Unchanged, cached, null, attempts, _time.GetElapsedTime(started)));
            }

            try
            {
                if (cached is not null && string.Equals(cached.Sha256, download.Sha256, StringComparison.Ordinal))
                {
                    var refreshed = cached with
                    {
                        ETag = download.ETag ?? cached.ETag,
                        LastModified = download.LastModified ?? cached.LastModified,
                        ContentType = download.ContentType ?? cached.ContentType,
                    };
                    if (refreshed != cached)
                    {
                        cache.WriteMeta(refreshed);
                    }

                    return Finish(new FetchResult(source, FetchStatus.Unchanged, refreshed, null, attempts, _time.GetElapsedTime(started)));
                }

                var file = cache.Commit(
                    download.TempPath,
                    ContentChecks.Extension(source.Format),
                    new RawFile(source.Id, download.TempPath, download.Sha256, download.Bytes, _time.GetUtcNow(), download.Url, download.ETag, download.LastModified, download.ContentType));
                return Finish(new FetchResult(source, FetchStatus.Fetched, file, null, attempts, _time.GetElapsedTime(started)));
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
            return Finish(new FetchResult(source, FetchStatus.Failed, cached, Describe(source, where, reason), attempts, _time.GetElapsedTime(started)));
        }
    }

    private FetchResult Finish(FetchResult result)
    {
        var bytes = result.File?.Bytes ?? 0;
        var ms = (long)result.Duration.TotalMilliseconds;
        if (result.Status == FetchStatus.Failed)
        {
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
        var after = attempts > 1 ? $" (after {attempts} attempts)" : string.Empty;
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

    private async Task<Download> DownloadAsync(
        SourceDefinition source,
        IReadOnlySet<string> allowedHosts,
        RawCache cache,
        RawFile? cached,
        string userAgent,
        IProgress<FetchProgress>? progress,
        Action onAttempt,
        CancellationToken cancellationToken)
    {
        var pipeline = PipelineFor(source.Location);
        return await pipeline.ExecuteAsync(
            async token =>
            {
                onAttempt();
                return await AttemptAsync(source, allowedHosts, cache, cached, userAgent, progress, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Download> AttemptAsync(
        SourceDefinition source,
        IReadOnlySet<string> allowedHosts,
        RawCache cache,
        RawFile? cached,
        string userAgent,
        IProgress<FetchProgress>? progress,
        CancellationToken token)
    {
        var uri = source.Location;
        HttpResponseMessage response;
        for (var redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            if (cached is not null)
            {
                if (cached.ETag is { } etag)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                if (cached.LastModified is { } modified)
                {
                    request.Headers.IfModifiedSince = modified;
                }
            }

            using var timer = new CancellationTokenSource(_options.ResponseHeadersTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timer.Token);
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!token.IsCancellationRequested && timer.IsCancellationRequested)
            {
                throw new TransientFetchException($"no response headers within {_options.ResponseHeadersTimeout}", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new TransientFetchException($"the request failed: {ex.Message}", ex);
            }

            var code = (int)response.StatusCode;
            if (code is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                {
                    throw new PermanentFetchException($"HTTP {code} redirect without a Location header");
                }

                var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (redirects >= _options.MaxRedirects)
                {
                    throw new PermanentFetchException($"more than {_options.MaxRedirects} redirects (the last to '{target}')");
                }

                if (RedirectPolicy.Check(uri, target, allowedHosts) is { } refused)
                {
                    throw new PermanentFetchException(refused);
                }

                uri = target;
                continue;
            }

            break;
        }

        using (response)
        {
            var code = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return cached is not null
                    ? new Download(null, string.Empty, 0, uri.ToString(), null, null, null)
                    : throw new PermanentFetchException("answered 304 Not Modified, but there is no cached copy");
            }

            if (code is 408 or 429 or >= 500)
            {
                throw new TransientFetchException($"HTTP {code} {response.ReasonPhrase}".TrimEnd(), RedirectPolicy.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
            }

            if (code is < 200 or > 299)
            {
                throw new PermanentFetchException($"HTTP {code} {response.ReasonPhrase}".TrimEnd());
            }

            var length = response.Content.Headers.ContentLength;
            if (length > source.MaxBytes)
            {
                throw new PermanentFetchException($"is {length} bytes (Content-Length), more than the limit of {source.MaxBytes} bytes (max_bytes)");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (ContentChecks.CheckContentType(source.Format, mediaType) is { } wrongType)
            {
                throw new PermanentFetchException(wrongType);
            }

            var temp = cache.NewTempPath(source.Id);
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var (sha, bytes) = await CopyAsync(stream, temp, source, length, progress, token).ConfigureAwait(false);
                    if (length is { } expected && bytes != expected)
                    {
                        throw new TransientFetchException($"the body was cut off after {bytes} of {expected} bytes");
                    }

                    Check(temp, source, sha, "returned", token);
                    return new Download(temp, sha, bytes, uri.ToString(), response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, response.Content.Headers.ContentType?.ToString());
                }
            }
            catch
            {
                RawCache.TryDelete(temp);
                throw;
            }
        }
    }

    private async Task<Download> ReadLocalAsync(SourceDefinition source, RawCache cache, IProgress<FetchProgress>? progress, Action onAttempt, CancellationToken cancellationToken)
    {
        onAttempt();
        var path = source.Location.LocalPath;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new PermanentFetchException("the file does not exist");
        }

        if (info.Length > source.MaxBytes)
        {
            throw new PermanentFetchException($"is {info.Length} bytes, more than the limit of {source.MaxBytes} bytes (max_bytes)");
        }

        var temp = cache.NewTempPath(source.Id);
        try
        {
            var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (input.ConfigureAwait(false))
            {
                var (sha, bytes) = await CopyAsync(input, temp, source, info.Length, progress, cancellationToken).ConfigureAwait(false);
                Check(temp, source, sha, "is", cancellationToken);
                return new Download(temp, sha, bytes, path, null, info.LastWriteTimeUtc, null);
            }
        }
        catch
        {
            RawCache.TryDelete(temp);
            throw;
        }
    }

    private void Check(string temp, SourceDefinition source, string sha, string verb, CancellationToken token)
    {
        ContentChecks.Validate(temp, source, _options.DecompressionLimit, verb, token);
        if (source.Sha256 is { } pinned && !string.Equals(pinned, sha, StringComparison.OrdinalIgnoreCase))
        {
            throw new PermanentFetchException($"has SHA-256 {sha}, but the catalogue pins {pinned}");
        }
    }

    /// <summary>Streams a body to a new file, hashing and counting as it goes; stops at max_bytes or a stall.</summary>
    private async Task<(string Sha256, long Bytes)> CopyAsync(Stream body, string temp, SourceDefinition source, long? total, IProgress<FetchProgress>? progress, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stall.Token);
        long received = 0;
        var lastReport = _time.GetTimestamp();
        try
        {
            var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                while (true)
                {
                    stall.CancelAfter(_options.StallTimeout);
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (!token.IsCancellationRequested && stall.IsCancellationRequested)
                    {
                        throw new TransientFetchException($"the download stalled: no data for {_options.StallTimeout} after {received} bytes", ex);
                    }
                    catch (IOException ex)
                    {
                        throw new TransientFetchException($"the body was cut off after {received}{(total is { } t ? $" of {t}" : string.Empty)} bytes: {ex.Message}", ex);
                    }
                    catch (HttpRequestException ex)
                    {
                        throw new TransientFetchException($"the body was cut off after {received} bytes: {ex.Message}", ex);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    received += read;
                    if (received > source.MaxBytes)
                    {
                        throw new PermanentFetchException($"is larger than the limit of {source.MaxBytes} bytes (max_bytes); stopped after {received} bytes");
                    }

                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                    if (progress is not null && _time.GetElapsedTime(lastReport) >= ProgressInterval)
                    {
                        lastReport = _time.GetTimestamp();
                        progress.Report(new FetchProgress(source.Id, received, total));
                    }
                }

                await output.FlushAsync(token).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        progress?.Report(new FetchProgress(source.Id, received, total));
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), received);
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
    private static partial void LogDone(ILogger logger, string sourceId, FetchStatus status, long bytes, long durationMs, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Source {SourceId}: Failed after {Attempts} attempt(s) in {DurationMs} ms (stale copy kept: {Stale}): {Error}")]
    private static partial void LogFailed(ILogger logger, string sourceId, int attempts, long durationMs, bool stale, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Host {Host}: retrying (attempt {Attempt}) in {DelayMs} ms after: {Reason}")]
    private static partial void LogRetry(ILogger logger, string host, int attempt, long delayMs, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Source {SourceId}: ignoring an unreadable raw cache entry: {Reason}")]
    private static partial void LogBadMeta(ILogger logger, string sourceId, string reason);

    /// <summary>A checked file in a temporary place, or (TempPath null) a 304 Not Modified.</summary>
    private sealed record Download(string? TempPath, string Sha256, long Bytes, string Url, string? ETag, DateTimeOffset? LastModified, string? ContentType);
}
