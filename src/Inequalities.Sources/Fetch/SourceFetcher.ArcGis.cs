using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Fetch;

/// <content>
/// <c>format: arcgis</c>: an ArcGIS FeatureServer or MapServer layer fetched through its query interface, following
/// Esri's documented REST behaviour. The fetcher reads the layer metadata, binds the <c>columns:</c> headers to the
/// layer's fields (outFields), asks for the count, pages with <c>resultOffset</c>/<c>resultRecordCount</c> ordered by
/// the object id until <c>exceededTransferLimit</c> is false, checks the rows received equal the count, and stores
/// the rows as one GeoJSON FeatureCollection. Attribute-only layers are asked for Esri JSON (<c>f=json</c>), layers
/// with geometry for GeoJSON (<c>f=geojson</c>), so no ring orientation is converted here. Every request takes the
/// same path as a download (mirrors, allow-list, retries, breaker, timeouts, size limit).
/// </content>
public sealed partial class SourceFetcher
{
    private async Task<Download> ArcGisAsync(Job job, CancellationToken cancellationToken)
    {
        var (source, cached) = (job.Source, job.Cached);
        var layer = source.Location.AbsoluteUri.TrimEnd('/');
        ArcGisJson.LayerInfo info;
        using (var metadata = await RequestJsonAsync(job, new Uri(layer + "?f=json"), "the layer metadata request", cancellationToken).ConfigureAwait(false))
        {
            info = ArcGisJson.ReadLayer(metadata.Json.RootElement);
        }

        // With geometry, a point's coordinates are columns too (geometry.x, geometry.y), read from the GeoJSON pages.
        var geometry = source.Options.ArcGis.ReturnsGeometry(source.Kind);
        ColumnBinding binding;
        try
        {
            binding = ColumnBinding.Bind(source, geometry ? [.. info.Fields, GeoJsonPoint.X, GeoJsonPoint.Y] : info.Fields, what: "layer", found: "The layer's fields");
        }
        catch (SourceDataException ex)
        {
            throw new PermanentFetchException(ex.Problem);
        }

        var where = Uri.EscapeDataString(source.Options.ArcGis.Where);
        var outFields = string.Join(',', binding.Headers.Values.Where(h => h is not GeoJsonPoint.X and not GeoJsonPoint.Y).Distinct(StringComparer.OrdinalIgnoreCase).Select(Uri.EscapeDataString));
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"{layer}/query?where={where}&outFields={outFields}&returnGeometry={(geometry ? "true" : "false")}&outSR={source.Options.ArcGis.OutSr}&orderByFields={Uri.EscapeDataString(info.ObjectIdField)}&f={(geometry ? "geojson" : "json")}");
        if (cached is not null && info.LastEditDate is { } edited && cached.LayerEditDate == edited && cached.Url == query)
        {
            // No ETag for a paged query: the layer's last edit is the validator. Unedited since the cached copy: no pages.
            return new Download(null, string.Empty, 0, query, null, null, null);
        }

        long count;
        using (var answer = await RequestJsonAsync(job, new Uri($"{layer}/query?where={where}&returnCountOnly=true&f=json"), "the count request", cancellationToken).ConfigureAwait(false))
        {
            count = ArcGisJson.ReadCount(answer.Json.RootElement);
        }

        var temp = job.Cache.NewTempPath(source.Id);
        try
        {
            var (received, lastPage, mirrors) = await WritePagesAsync(job, query, info.MaxRecordCount, count, geometry, temp, cancellationToken).ConfigureAwait(false);
            if (received != count)
            {
                throw new PermanentFetchException(
                    $"expected {count} rows (the layer's count for the query) but received {received}: a page was cut short, so the source keeps its last good copy");
            }

            string sha;
            long bytes;
            using (var stored = File.OpenRead(temp))
            {
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stored, cancellationToken).ConfigureAwait(false));
                bytes = stored.Length;
            }

            Check(temp, source, sha, "returned", cancellationToken);
            return new Download(temp, sha, bytes, query, null, null, "application/geo+json")
            {
                FinalUrl = lastPage,
                Mirror = mirrors.Count == 0 ? null : string.Join(' ', mirrors),
                LayerEditDate = info.LastEditDate,
            };
        }
        catch
        {
            RawCache.TryDelete(temp);
            throw;
        }
    }

    /// <summary>Pages through a query, writing every feature into one FeatureCollection; returns the rows received.</summary>
    private async Task<(long Received, string? LastPage, List<string> Mirrors)> WritePagesAsync(
        Job job, string query, int pageSize, long count, bool geoJson, string temp, CancellationToken cancellationToken)
    {
        var source = job.Source;
        long received = 0;
        string? lastPage = null;
        var mirrors = new List<string>();
        var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(output);
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartObject();
                writer.WriteString("type", "FeatureCollection");
                writer.WriteStartArray("features");
                while (true)
                {
                    var what = string.Create(CultureInfo.InvariantCulture, $"the page at offset {received}");
                    var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{query}&resultOffset={received}&resultRecordCount={pageSize}"));
                    bool exceeded;
                    using (var page = await RequestJsonAsync(job, url, what, cancellationToken).ConfigureAwait(false))
                    {
                        (var features, exceeded) = ArcGisJson.ReadPage(page.Json.RootElement, what);
                        var rows = features.GetArrayLength();
                        if (rows == 0 && exceeded)
                        {
                            throw new PermanentFetchException($"{what} returned no rows but says more remain (exceededTransferLimit) after {received} of {count} rows");
                        }

                        foreach (var feature in features.EnumerateArray())
                        {
                            ArcGisJson.WriteFeature(writer, feature, geoJson);
                        }

                        received += rows;
                        lastPage = page.FinalUrl.ToString();
                        if (page.Mirror is { } mirror && !mirrors.Contains(mirror))
                        {
                            mirrors.Add(mirror);
                        }
                    }

                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (writer.BytesCommitted > source.MaxBytes)
                    {
                        throw new PermanentFetchException($"is larger than the limit of {source.MaxBytes} bytes (max_bytes); stopped after {received} rows");
                    }

                    job.Progress?.Report(new FetchProgress(source.Id, writer.BytesCommitted, null));
                    if (received > count)
                    {
                        throw new PermanentFetchException($"expected {count} rows (the layer's count for the query) but the pages returned more ({received} so far)");
                    }

                    if (!exceeded)
                    {
                        break;
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            output.Flush(flushToDisk: true);
        }

        return (received, lastPage, mirrors);
    }

    /// <summary>
    /// One ArcGIS request through the resilience pipeline: the body is read (within max_bytes and the stall timeout)
    /// and parsed; an error body fails the attempt whatever the HTTP status, carrying the service's code and message.
    /// </summary>
    private async Task<JsonAnswer> RequestJsonAsync(Job job, Uri url, string what, CancellationToken cancellationToken)
    {
        var source = job.Source;
        var pipeline = PipelineFor(source.Location);
        var tries = 0;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                job.OnAttempt(tries++ > 0);
                var sent = await SendAsync(url, job.Route, null, token).ConfigureAwait(false);
                using var response = sent.Response;
                var length = response.Content.Headers.ContentLength;
                if (length > source.MaxBytes)
                {
                    throw new PermanentFetchException($"{what} is {length} bytes (Content-Length), more than the limit of {source.MaxBytes} bytes (max_bytes)");
                }

                var success = response.IsSuccessStatusCode;
                if (success && ContentChecks.CheckContentType(SourceFormat.Json, response.Content.Headers.ContentType?.MediaType) is { } wrongType)
                {
                    throw new PermanentFetchException($"{what} {wrongType}");
                }

                using var body = new MemoryStream();
                var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await CopyAsync(stream, body, source, length, null, token).ConfigureAwait(false);
                }

                if (length is { } expected && body.Length != expected)
                {
                    throw new TransientFetchException($"{what}: the body was cut off after {body.Length} of {expected} bytes");
                }

                JsonDocument? json = null;
                try
                {
                    json = JsonDocument.Parse(body.ToArray());
                    ArcGisJson.ThrowIfError(json.RootElement, what, RedirectPolicy.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
                }
                catch (JsonException ex) when (success)
                {
                    throw new PermanentFetchException($"{what} did not return JSON ({ex.Message})");
                }
                catch (JsonException)
                {
                    // Not JSON: the HTTP status below says what went wrong.
                }
                catch
                {
                    json?.Dispose();
                    throw;
                }

                if (!success)
                {
                    json?.Dispose();
                    ThrowForStatus(response);
                }

                return new JsonAnswer(json!, sent.FinalUrl, sent.Mirror);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A parsed ArcGIS answer and where it came from.</summary>
    private sealed record JsonAnswer(JsonDocument Json, Uri FinalUrl, string? Mirror) : IDisposable
    {
        public void Dispose() => Json.Dispose();
    }
}
