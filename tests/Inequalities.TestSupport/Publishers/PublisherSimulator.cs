using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Inequalities.TestSupport.Loopback;
using Microsoft.AspNetCore.Http;

namespace Inequalities.TestSupport.Publishers;

/// <summary>One request the simulator answered.</summary>
/// <param name="Host">The publisher host the request was for (the first segment of the mirror path).</param>
/// <param name="PathAndQuery">The publisher's path and query.</param>
/// <param name="LocalAddress">The loopback address it arrived on (127.0.0.1, or 127.0.0.2 for storage hosts).</param>
/// <param name="Status">The status code sent.</param>
public sealed record SimulatedRequest(string Host, string PathAndQuery, IPAddress LocalAddress, int Status);

/// <summary>
/// One loopback server imitating every publisher data-sources.yml names, as their interfaces are documented: GOV.UK
/// asset paths, ONS file downloads, ArcGIS FeatureServer layers (metadata, counts, paging, error bodies with HTTP
/// 200), ArcGIS item downloads answered by a 302 to the storage bucket, Hub CSV exports answered by a 302 to the
/// export host, Fingertips (400 without <c>parent_area_type_id</c>), Companies House (only the current month's file,
/// by the injected clock), the Charity Commission extract. Publishers' hosts are served on 127.0.0.1 under
/// <c>/&lt;host&gt;/</c>; the storage hosts (<see cref="StorageHosts"/>) only on a second listener, 127.0.0.2, so a
/// test sees a redirect reach another address. <see cref="Mirrors"/> gives the <c>--mirror PREFIX=URL</c> pairs that
/// send each publisher there. The files are built from ../shared/data at first use (README.md in this folder).
/// </summary>
public sealed partial class PublisherSimulator : IAsyncDisposable
{
    /// <summary>The host names that redirects send downloads to (served on the second listener only).</summary>
    public static readonly IReadOnlyList<string> StorageHosts = ["ago-item-storage.s3.us-east-1.amazonaws.com", "stg-arcgisazurecdataprod1.az.arcgis.com", "omseprd1stdstordownload.blob.core.windows.net"];

    /// <summary>The publishers' own hosts (served on the first listener).</summary>
    public static readonly IReadOnlyList<string> PublisherHosts =
    [
        "assets.publishing.service.gov.uk", "www.ons.gov.uk", "open-geography-portalx-ons.hub.arcgis.com", "services1.arcgis.com",
        "www.arcgis.com", "fingertips.phe.org.uk", "ccewuksprdoneregsadata1.blob.core.windows.net", "download.companieshouse.gov.uk",
        "www.uk.coop", "api.os.uk",
    ];

    private static readonly IPAddress StorageAddress = IPAddress.Parse("127.0.0.2");
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<SimulatedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.OrdinalIgnoreCase);
    private LoopbackServer? _publishers;
    private LoopbackServer? _storage;

    private PublisherSimulator(TimeProvider clock) => _clock = clock;

    /// <summary>The first listener, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri PublisherAddress => _publishers!.BaseAddress;

    /// <summary>The second listener, <c>http://127.0.0.2:&lt;port&gt;/</c>, for the storage hosts.</summary>
    public Uri StorageListener => _storage!.BaseAddress;

    /// <summary>The day of the month from which Companies House serves the month's file (before it, the previous month's).</summary>
    public int CompaniesHousePublicationDay { get; set; } = 1;

    /// <summary>Every request answered, in order.</summary>
    public IReadOnlyList<SimulatedRequest> Requests => _requests.ToArray();

    /// <summary>The mirror pairs (publisher prefix, simulator URL) for every publisher and storage host.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Mirrors =>
    [
        .. PublisherHosts.Select(h => new KeyValuePair<string, string>($"https://{h}/", new Uri(PublisherAddress, h + "/").AbsoluteUri)),
        .. StorageHosts.Select(h => new KeyValuePair<string, string>($"https://{h}/", new Uri(StorageListener, h + "/").AbsoluteUri)),
    ];

    /// <summary>The same as command-line arguments: <c>--mirror PREFIX=URL</c> for each.</summary>
    public IReadOnlyList<string> MirrorArguments => [.. Mirrors.SelectMany(m => new[] { "--mirror", $"{m.Key}={m.Value}" })];

    /// <summary>Starts both listeners.</summary>
    /// <param name="clock">The clock that decides which Companies House month exists.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<PublisherSimulator> StartAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var simulator = new PublisherSimulator(clock);
        simulator._publishers = await LoopbackServer.StartAsync(IPAddress.Loopback, cancellationToken: cancellationToken).ConfigureAwait(false);
        simulator._storage = await LoopbackServer.StartAsync(StorageAddress, cancellationToken: cancellationToken).ConfigureAwait(false);
        simulator._publishers.Use(simulator.HandleAsync);
        simulator._storage.Use(simulator.HandleAsync);
        return simulator;
    }

    /// <summary>Makes every request for a publisher host fail with <paramref name="status"/> until <see cref="Restore"/>.</summary>
    public void Fail(string host, int status = 503) => _failing[host] = status;

    /// <summary>Lets a failing host answer normally again.</summary>
    public void Restore(string host) => _failing.TryRemove(host, out _);

    /// <summary>The requests made to one host.</summary>
    public IReadOnlyList<SimulatedRequest> RequestsTo(string host) => [.. Requests.Where(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase))];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_publishers is not null)
        {
            await _publishers.DisposeAsync().ConfigureAwait(false);
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> HandleAsync(HttpContext context)
    {
        var raw = context.Request.Path.Value ?? "/";
        var slash = raw.IndexOf('/', 1);
        var host = slash > 0 ? raw[1..slash] : raw.Trim('/');
        var path = slash > 0 ? raw[slash..] : "/";
        var local = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        var onStorage = local.Equals(StorageAddress);
        if (!onStorage && host.Equals("services1.arcgis.com", StringComparison.OrdinalIgnoreCase) && !_failing.ContainsKey(host) &&
            await FeatureServers.Value.HandleAsync(context).ConfigureAwait(false))
        {
            _requests.Enqueue(new SimulatedRequest(host, path + context.Request.QueryString.Value, local, context.Response.StatusCode));
            return true;
        }

        var response = Route(host, path, context.Request.Query, onStorage);
        _requests.Enqueue(new SimulatedRequest(host, path + context.Request.QueryString.Value, local, response.Status));
        context.Response.StatusCode = response.Status;
        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        if (response.Body is { } body)
        {
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }

    private SimulatedResponse Route(string host, string path, IQueryCollection query, bool onStorage)
    {
        var storageHost = StorageHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
        if (storageHost != onStorage)
        {
            return SimulatedResponse.NotFound;
        }

        if (_failing.TryGetValue(host, out var failure))
        {
            return new SimulatedResponse(failure, Encoding.UTF8.GetBytes("Service unavailable"), "text/plain");
        }

        return host.ToLowerInvariant() switch
        {
            "assets.publishing.service.gov.uk" => GovUkAsset(path),
            "www.ons.gov.uk" => OnsFile(path, query),
            "open-geography-portalx-ons.hub.arcgis.com" => HubExport(path, query),
            "www.arcgis.com" => ArcGisItem(path),
            "fingertips.phe.org.uk" => Fingertips(path, query),
            "download.companieshouse.gov.uk" => CompaniesHouse(path),
            "ccewuksprdoneregsadata1.blob.core.windows.net" => path == "/data/json/publicextract.charity.zip"
                ? SimulatedResponse.Ok(Registers.Value.Charity, "application/x-zip-compressed")
                : SimulatedResponse.NotFound,
            "www.uk.coop" => CoopsUk(path),
            "api.os.uk" => OsDownloads(path, query),
            "ago-item-storage.s3.us-east-1.amazonaws.com" or "stg-arcgisazurecdataprod1.az.arcgis.com" or "omseprd1stdstordownload.blob.core.windows.net" => Storage(host, path),
            _ => SimulatedResponse.NotFound,
        };
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private sealed record SimulatedResponse(int Status, byte[]? Body, string? ContentType, string? Location = null)
    {
        public static readonly SimulatedResponse NotFound = new(404, Encoding.UTF8.GetBytes("Not found"), "text/plain");

        public static SimulatedResponse Ok(byte[] body, string contentType) => new(200, body, contentType);

        public static SimulatedResponse Redirect(string location, int status = 302) => new(status, null, null, location);
    }
}
