using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inequalities.TestSupport.Loopback;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with an ephemeral port, for tests that must go over the wire. It serves
/// registered byte arrays, files mapped to paths, and the files of a folder (read at each request, so a test can
/// change them between requests). Every response carries an ETag and Last-Modified and honours If-None-Match and
/// If-Modified-Since with 304. Per-path fault scripts inject failures, and every request is recorded.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LoopbackFault>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoopbackFault> _always = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LoopbackRequest>> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _notModified = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _handlers = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    private LoopbackServer(string? folder) => Folder = folder is null ? null : Path.GetFullPath(folder);

    /// <summary>The folder whose files are served (by relative path), or <see langword="null"/>.</summary>
    public string? Folder { get; }

    /// <summary>The server's base address, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The host name clients use (for allowed-host lists).</summary>
    public string Host => BaseAddress.IdnHost;

    /// <summary>Starts a server on 127.0.0.1.</summary>
    /// <param name="folder">A folder to serve files from, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<LoopbackServer> StartAsync(string? folder = null, CancellationToken cancellationToken = default) =>
        StartAsync(IPAddress.Loopback, folder, cancellationToken);

    /// <summary>
    /// Starts a server on a loopback address of its own (e.g. 127.0.0.2), so a test can have two host names: a
    /// publisher and the storage host it redirects to.
    /// </summary>
    /// <param name="address">A loopback address (127.0.0.0/8).</param>
    /// <param name="folder">A folder to serve files from, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LoopbackServer> StartAsync(IPAddress address, string? folder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"{address} is not a loopback address; tests never listen beyond this machine.", nameof(address));
        }

        var server = new LoopbackServer(folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrel(k => k.Listen(address, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server._app = app;
        var url = app.Urls.First();
        server.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        return server;
    }

    /// <summary>The absolute URL of a path on this server.</summary>
    public Uri Url(string path) => new(BaseAddress, Normalise(path).TrimStart('/'));

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (replacing what was there; a new ETag).</summary>
    /// <param name="path">The URL path.</param>
    /// <param name="content">The body.</param>
    /// <param name="contentType">The Content-Type.</param>
    /// <param name="lastModified">The Last-Modified date (default: now, to the second).</param>
    /// <param name="etag">The entity tag, quoted (default: derived from the content's hash).</param>
    public void Serve(string path, byte[] content, string contentType = "application/octet-stream", DateTimeOffset? lastModified = null, string? etag = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        _entries[Normalise(path)] = new Entry(content.ToArray(), null, contentType, Truncate(lastModified ?? DateTimeOffset.UtcNow), etag);
    }

    /// <summary>Serves UTF-8 text at <paramref name="path"/>.</summary>
    public void Serve(string path, string text, string contentType = "text/csv; charset=utf-8") =>
        Serve(path, System.Text.Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>Serves a file from disk at <paramref name="path"/> (read at each request, never copied).</summary>
    public void ServeFile(string path, string filePath, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        _entries[Normalise(path)] = new Entry(null, Path.GetFullPath(filePath), contentType ?? ContentTypeFor(filePath), null, null);
    }

    /// <summary>
    /// Adds a handler consulted for every request after the path's scripted faults and before the registered files:
    /// it answers and returns true, or returns false (writing nothing) to pass (e.g. <c>ArcGisFeatureService.HandleAsync</c>).
    /// </summary>
    /// <param name="handler">The handler.</param>
    public void Use(Func<HttpContext, Task<bool>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Enqueue(handler);
    }

    /// <summary>Stops serving a registered path (it answers 404 unless the folder has it).</summary>
    public void Remove(string path) => _entries.TryRemove(Normalise(path), out _);

    /// <summary>Queues faults for a path: the next requests get them in order, later ones the normal response.</summary>
    public void Script(string path, params LoopbackFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var queue = _scripts.GetOrAdd(Normalise(path), _ => new ConcurrentQueue<LoopbackFault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Applies a fault to every request for a path (after any scripted ones), until <see cref="ClearFaults"/>.</summary>
    public void Always(string path, LoopbackFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _always[Normalise(path)] = fault;
    }

    /// <summary>Removes every scripted and permanent fault of a path.</summary>
    public void ClearFaults(string path)
    {
        _scripts.TryRemove(Normalise(path), out _);
        _always.TryRemove(Normalise(path), out _);
    }

    /// <summary>How many requests a path has received.</summary>
    public int RequestCount(string path) => _requests.TryGetValue(Normalise(path), out var list) ? list.Count : 0;

    /// <summary>How many requests to a path were answered 304 Not Modified.</summary>
    public int NotModifiedCount(string path) => _notModified.TryGetValue(Normalise(path), out var n) ? n : 0;

    /// <summary>The requests a path has received, in order.</summary>
    public IReadOnlyList<LoopbackRequest> Requests(string path) =>
        _requests.TryGetValue(Normalise(path), out var list) ? list.ToArray() : [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private static string Normalise(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith('/') ? path : "/" + path;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, TimeSpan.Zero);

    private static string ContentTypeFor(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "text/csv; charset=utf-8",
        ".gz" => "application/gzip",
        ".zip" => "application/zip",
        ".json" => "application/json",
        ".geojson" => "application/geo+json",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.GetOrAdd(path, _ => new ConcurrentQueue<LoopbackRequest>()).Enqueue(
            new LoopbackRequest(path, context.Request.Method, headers, DateTimeOffset.UtcNow) { Query = context.Request.QueryString.Value ?? string.Empty });

        LoopbackFault? fault = null;
        if (_scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next))
        {
            fault = next;
        }
        else if (_always.TryGetValue(path, out var always))
        {
            fault = always;
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = aborted.Token;
        var response = context.Response;
        if (fault?.Kind == LoopbackFaultKind.DelayHeaders)
        {
            try
            {
                await Task.Delay(fault.Wait, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        switch (fault?.Kind)
        {
            case LoopbackFaultKind.Status:
                response.StatusCode = fault.StatusCode;
                if (fault.RetryAfter is not null)
                {
                    response.Headers.RetryAfter = fault.RetryAfter;
                }

                return;
            case LoopbackFaultKind.Redirect:
                response.StatusCode = fault.StatusCode;
                response.Headers.Location = fault.Location;
                return;
            case LoopbackFaultKind.Body:
                response.ContentType = fault.ContentType;
                response.ContentLength = fault.Body!.Length;
                await response.Body.WriteAsync(fault.Body, token).ConfigureAwait(false);
                return;
        }

        foreach (var handler in _handlers)
        {
            if (await handler(context).ConfigureAwait(false))
            {
                return;
            }
        }

        var content = Resolve(path);
        if (content is null)
        {
            response.StatusCode = 404;
            return;
        }

        var (bytes, contentType, lastModified, fixedEtag) = content.Value;
        var etag = fixedEtag ?? "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        response.Headers.ETag = etag;
        response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        if (NotModified(context.Request, etag, lastModified))
        {
            response.StatusCode = 304;
            _notModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            return;
        }

        response.ContentType = fault?.Kind == LoopbackFaultKind.ContentType ? fault.ContentType : contentType;
        if (fault?.Kind != LoopbackFaultKind.Chunked)
        {
            response.ContentLength = bytes.Length;
        }

        switch (fault?.Kind)
        {
            case LoopbackFaultKind.CutOff:
                await response.Body.WriteAsync(bytes.AsMemory(0, Math.Min(fault.BytesBefore, bytes.Length)), token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);

                // Let the client read the headers and the partial body before the reset (a RST discards unread data).
                await Task.Delay(TimeSpan.FromMilliseconds(150), CancellationToken.None).ConfigureAwait(false);
                context.Abort();
                return;
            case LoopbackFaultKind.Stall:
                var before = Math.Min(fault.BytesBefore, bytes.Length);
                await response.Body.WriteAsync(bytes.AsMemory(0, before), token).ConfigureAwait(false);
                await response.Body.FlushAsync(token).ConfigureAwait(false);
                try
                {
                    await Task.Delay(fault.Wait, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    context.Abort();
                    return;
                }

                await response.Body.WriteAsync(bytes.AsMemory(before), token).ConfigureAwait(false);
                return;
            default:
                await response.Body.WriteAsync(bytes, token).ConfigureAwait(false);
                return;
        }
    }

    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (!string.IsNullOrEmpty(ifNoneMatch))
        {
            return ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
        }

        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        return !string.IsNullOrEmpty(ifModifiedSince) &&
               DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) &&
               lastModified <= since;
    }

    private (byte[] Bytes, string ContentType, DateTimeOffset LastModified, string? ETag)? Resolve(string path)
    {
        if (_entries.TryGetValue(path, out var entry))
        {
            if (entry.Bytes is not null)
            {
                return (entry.Bytes, entry.ContentType, entry.LastModified!.Value, entry.ETag);
            }

            return File.Exists(entry.FilePath)
                ? (File.ReadAllBytes(entry.FilePath), entry.ContentType, Truncate(File.GetLastWriteTimeUtc(entry.FilePath)), null)
                : null;
        }

        if (Folder is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Folder, Uri.UnescapeDataString(path).TrimStart('/')));
        if (!full.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        return (File.ReadAllBytes(full), ContentTypeFor(full), Truncate(File.GetLastWriteTimeUtc(full)), null);
    }

    private sealed record Entry(byte[]? Bytes, string? FilePath, string ContentType, DateTimeOffset? LastModified, string? ETag);
}

/// <summary>One request a <see cref="LoopbackServer"/> received.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Headers">The request headers (case-insensitive names).</param>
/// <param name="ReceivedAt">When the server received it (wall clock).</param>
public sealed record LoopbackRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt)
{
    /// <summary>The query string as sent (with its leading '?'), or empty.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>A header's value, or <see langword="null"/>.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
