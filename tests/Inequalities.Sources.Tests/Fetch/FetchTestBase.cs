using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>Per-test loopback server, lake folder and helpers to build sources from YAML.</summary>
public abstract class FetchTestBase : IAsyncLifetime
{
    protected static readonly byte[] Version1 = Encoding.UTF8.GetBytes(
        "LAD23CD,CAUTH23CD\nE06000006,E47000004\nE08000011,E47000004\nE08000012,E47000004\n");

    protected static readonly byte[] Version2 = Encoding.UTF8.GetBytes(
        "LAD23CD,CAUTH23CD\nE06000006,E47000004\nE08000011,E47000004\nE08000012,E47000004\nE08000013,E47000004\n");

    protected TempDirectory Lake { get; } = new();

    protected LoopbackServer Server { get; private set; } = null!;

    protected RawCache Cache => new(Lake.Path);

    /// <summary>
    /// Fast settings for tests: small delays, a breaker that stays out of the way, and a stall timeout long enough
    /// that a busy 2-core CI machine never trips it by accident (tests of stalls use <see cref="StallOptions"/>).
    /// </summary>
    protected static FetchOptions FastOptions { get; } = new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        ResponseHeadersTimeout = TimeSpan.FromSeconds(10),
        StallTimeout = TimeSpan.FromSeconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        BreakerMinimumThroughput = 1000,
    };

    /// <summary>Fast settings with a short stall timeout, for tests whose server stalls on purpose.</summary>
    protected static FetchOptions StallOptions { get; } = FastOptions with { StallTimeout = TimeSpan.FromMilliseconds(700) };

    public virtual async Task InitializeAsync() => Server = await LoopbackServer.StartAsync(Lake.Combine("served"));

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Lake.Dispose();
    }

    protected static SourceFetcher Fetcher(FetchOptions? options = null) => new(options ?? FastOptions, TimeProvider.System);

    /// <summary>One lookup source entry (YAML) at a URL or path; extra lines are indented as entry fields.</summary>
    protected static string Entry(string id, string url, string format = "csv", params string[] extra) =>
        $"""
          - id: {id}
            kind: lookup
            publisher: ONS
            licence: OGL-3.0
            url: {url}
            format: {format}
            geography: lad
            columns:
              lad_code: LAD23CD
              cauth_code: CAUTH23CD

        """ + string.Concat(extra.Select(e => "    " + e + "\n"));

    protected SourceCatalogue Catalogue(params string[] entries) =>
        SourceCatalogue.Parse("version: 1\nsources:\n" + string.Concat(entries), Lake.Path, "test-sources.yml");

    protected SourceDefinition Source(string id, string path, string format = "csv", params string[] extra) =>
        Assert.Single(Catalogue(Entry(id, Server.Url(path).ToString(), format, extra)).Sources);

    protected IReadOnlySet<string> Allowed => new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Server.Host };

    protected Task<FetchResult> FetchAsync(SourceFetcher fetcher, SourceDefinition source, CancellationToken cancellationToken = default) =>
        fetcher.FetchAsync(source, Allowed, Cache, null, cancellationToken);

    protected static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    protected string MetaPath(string id) => Path.Combine(Cache.Directory, id, "meta.json");

    /// <summary>Everything in a source's raw folder: name to bytes (to prove a failure touched nothing).</summary>
    protected Dictionary<string, byte[]> Snapshot(string id) =>
        Directory.EnumerateFiles(Path.Combine(Cache.Directory, id))
            .ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);

    /// <summary>Asserts the raw folder is exactly as before and the last good copy is returned by the cache.</summary>
    protected void AssertIntact(string id, Dictionary<string, byte[]> before, byte[] expectedBytes)
    {
        var after = Snapshot(id);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before)
        {
            Assert.Equal(bytes, after[name]);
        }

        var latest = Cache.TryGetLatest(id);
        Assert.NotNull(latest);
        Assert.Equal(expectedBytes, File.ReadAllBytes(latest.Path));
        Assert.Equal(Sha(expectedBytes), latest.Sha256);
    }

    /// <summary>Fetches version 1 of a csv source so later failures have a last good copy to keep.</summary>
    protected async Task<(SourceDefinition Source, RawFile Good, Dictionary<string, byte[]> Before)> SeedAsync(SourceFetcher fetcher, string id, string path, params string[] extra)
    {
        Server.Serve(path, Version1, "text/csv");
        var source = Source(id, path, "csv", extra);
        var seeded = await FetchAsync(fetcher, source);
        Assert.Equal(SourceStatus.Fetched, seeded.Status);
        Server.Serve(path, Version2, "text/csv");
        return (source, seeded.File!, Snapshot(id));
    }

    protected static byte[] Zip(params (string Name, byte[] Content)[] members)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                var entry = archive.CreateEntry(name);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    protected static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them later).</summary>
    protected sealed class ProgressLog : IProgress<FetchProgress>
    {
        private readonly List<FetchProgress> _reports = [];

        public IReadOnlyList<FetchProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return _reports.ToList();
                }
            }
        }

        public void Report(FetchProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
