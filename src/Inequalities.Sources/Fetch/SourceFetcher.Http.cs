using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Fetch;

/// <content>
/// The HTTP path every request takes (file downloads, ArcGIS metadata and pages): mirrors, redirects checked against
/// the allow-list on the publisher's URL, header and stall timeouts, size limits.
/// </content>
public sealed partial class SourceFetcher
{
    private async Task<Download> DownloadAsync(Job job, CancellationToken cancellationToken)
    {
        // Validators belong to a URL: a templated source's copy of another month is not asked about conditionally.
        var validators = job.Cached is not null && job.Cached.Url == job.Source.Location.ToString() ? job.Cached : null;
        var pipeline = PipelineFor(job.Source.Location);
        var tries = 0;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                job.OnAttempt(tries++ > 0);
                return await AttemptAsync(job, validators, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Download> AttemptAsync(Job job, RawFile? validators, CancellationToken token)
    {
        var (source, cache, progress) = (job.Source, job.Cache, job.Progress);
        var sent = await SendAsync(source.Location, job.Route, request => AddValidators(request, validators), token).ConfigureAwait(false);
        using var response = sent.Response;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return validators is not null
                ? new Download(null, string.Empty, 0, source.Location.ToString(), null, null, null)
                : throw new PermanentFetchException("answered 304 Not Modified, but there is no cached copy");
        }

        ThrowForStatus(response);
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
                var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                string sha;
                long bytes;
                await using (output.ConfigureAwait(false))
                {
                    (sha, bytes) = await CopyAsync(stream, output, source, length, progress, token).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }

                if (length is { } expected && bytes != expected)
                {
                    throw new TransientFetchException($"the body was cut off after {bytes} of {expected} bytes");
                }

                Check(temp, source, sha, "returned", token);
                return new Download(temp, sha, bytes, source.Location.ToString(), response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, response.Content.Headers.ContentType?.ToString())
                {
                    FinalUrl = sent.FinalUrl.ToString(),
                    Mirror = sent.Mirror,
                };
            }
        }
        catch
        {
            RawCache.TryDelete(temp);
            throw;
        }
    }

    private static void AddValidators(HttpRequestMessage request, RawFile? cached)
    {
        if (cached?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (cached?.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }
    }

    /// <summary>
    /// Sends a GET for a publisher URL and follows redirects: each hop is sent to its mirror when a rule matches, and
    /// each redirect target is read back into the publisher's space (a relative Location resolves against the URL the
    /// request went to), then checked there: https only (plain http only on loopback, for tests), never from https
    /// down to http, its host in the allow-list, at most <see cref="FetchOptions.MaxRedirects"/> hops.
    /// </summary>
    private async Task<Sent> SendAsync(Uri publisherUrl, Route route, Action<HttpRequestMessage>? configure, CancellationToken token)
    {
        var uri = publisherUrl;
        var mirrors = new List<string>();
        for (var redirects = 0; ; redirects++)
        {
            var (target, rule) = MirrorRule.Rewrite(route.Mirrors, uri);
            if (rule is not null && !mirrors.Contains(rule.Url))
            {
                mirrors.Add(rule.Url);
            }

            HttpResponseMessage response;
            using (var request = new HttpRequestMessage(HttpMethod.Get, target))
            {
                request.Headers.TryAddWithoutValidation("User-Agent", route.UserAgent);
                configure?.Invoke(request);
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
            }

            var code = (int)response.StatusCode;
            if (code is not (301 or 302 or 303 or 307 or 308))
            {
                return new Sent(response, uri, mirrors.Count == 0 ? null : string.Join(' ', mirrors));
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new PermanentFetchException($"HTTP {code} redirect without a Location header");
            }

            var next = MirrorRule.Unmirror(route.Mirrors, location.IsAbsoluteUri ? location : new Uri(target, location));
            if (redirects >= _options.MaxRedirects)
            {
                throw new PermanentFetchException($"more than {_options.MaxRedirects} redirects (the last to '{next}')");
            }

            if (RedirectPolicy.Check(uri, next, route.AllowedHosts) is { } refused)
            {
                throw new PermanentFetchException(refused);
            }

            uri = next;
        }
    }

    /// <summary>Throws for a status that is not a success: 408, 429 and 5xx are transient, 404 and 410 mean "no such file".</summary>
    private void ThrowForStatus(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is 408 or 429 or >= 500)
        {
            throw new TransientFetchException($"HTTP {code} {response.ReasonPhrase}".TrimEnd(), RedirectPolicy.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
        }

        if (code is < 200 or > 299)
        {
            throw new PermanentFetchException($"HTTP {code} {response.ReasonPhrase}".TrimEnd(), notFound: code is 404 or 410);
        }
    }

    private async Task<Download> ReadLocalAsync(Job job, CancellationToken cancellationToken)
    {
        var (source, cache, progress) = (job.Source, job.Cache, job.Progress);
        job.OnAttempt(false);
        var path = source.Location.LocalPath;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new PermanentFetchException("the file does not exist", notFound: true);
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
                var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                string sha;
                long bytes;
                await using (output.ConfigureAwait(false))
                {
                    (sha, bytes) = await CopyAsync(input, output, source, info.Length, progress, cancellationToken).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }

                Check(temp, source, sha, "is", cancellationToken);
                return new Download(temp, sha, bytes, path, null, info.LastWriteTimeUtc, null) { FinalUrl = path };
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

    /// <summary>Streams a body into <paramref name="output"/>, hashing and counting as it goes; stops at max_bytes or a stall.</summary>
    private async Task<(string Sha256, long Bytes)> CopyAsync(Stream body, Stream output, SourceDefinition source, long? total, IProgress<FetchProgress>? progress, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, stall.Token);
        long received = 0;
        var lastReport = _time.GetTimestamp();
        try
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
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        progress?.Report(new FetchProgress(source.Id, received, total));
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), received);
    }

    /// <summary>A response (headers read) and where it came from: the publisher URL after redirects and the mirror(s) used.</summary>
    private sealed record Sent(HttpResponseMessage Response, Uri FinalUrl, string? Mirror);
}
