using System.Text;
using System.Text.Json;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>The happy paths and caching behaviour, over real HTTP to a loopback Kestrel server.</summary>
public sealed class SourceFetcherTests : FetchTestBase
{
    [Fact]
    public async Task FetchAsync_NewSource_StoresBlobNamedBySha256AndMeta()
    {
        Server.Serve("/lookup.csv", Version1, "text/csv; charset=utf-8");
        var source = Source("lookup", "/lookup.csv");
        using var fetcher = Fetcher();
        var progress = new ProgressLog();

        var result = await fetcher.FetchAsync(source, Allowed, Cache, progress);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Null(result.Error);
        Assert.Equal(1, result.Attempts);
        var file = Assert.IsType<RawFile>(result.File);
        Assert.Equal(Path.Combine(Cache.Directory, "lookup", Sha(Version1) + ".csv"), file.Path);
        Assert.Equal(Version1, File.ReadAllBytes(file.Path));
        Assert.Equal(Version1.Length, file.Bytes);
        Assert.Equal(Server.Url("/lookup.csv").ToString(), file.Url);
        Assert.NotNull(file.ETag);
        Assert.NotNull(file.LastModified);
        Assert.Equal("text/csv; charset=utf-8", file.ContentType);
        Assert.Equal(file, Cache.TryGetLatest("lookup"));
        Assert.Equal(Version1.Length, progress.Reports[^1].BytesReceived);
        Assert.Equal(Version1.Length, progress.Reports[^1].TotalBytes);

        using var meta = JsonDocument.Parse(File.ReadAllBytes(MetaPath("lookup")));
        Assert.Equal(Sha(Version1), meta.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(Sha(Version1) + ".csv", meta.RootElement.GetProperty("file").GetString());
        Assert.Equal(new[] { Sha(Version1) + ".csv", "meta.json" }, Snapshot("lookup").Keys.Order());
        Assert.Contains("Inequalities/", Server.Requests("/lookup.csv")[0].Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_SharedLookupFile_ArrivesByteIdentical()
    {
        var shared = SharedData.DataFile("lookup_ltla23_cauth23_EN.csv");
        Server.ServeFile("/shared/lookup_ltla23_cauth23_EN.csv", shared);
        var source = Source("ltla-cauth", "/shared/lookup_ltla23_cauth23_EN.csv");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        var original = File.ReadAllBytes(shared);
        Assert.Equal(Sha(original), result.File!.Sha256);
        Assert.Equal(original, File.ReadAllBytes(result.File.Path));
    }

    [Fact]
    public async Task FetchAsync_SharedGzipFile_PassesGzipChecksAndKeepsExtension()
    {
        var shared = SharedData.DataFile("File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz");
        Server.ServeFile("/imd.csv.gz", shared);
        var source = Source("imd-gz", "/imd.csv.gz", "csv.gz");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.EndsWith(".csv.gz", result.File!.Path, StringComparison.Ordinal);
        Assert.Equal(Sha(File.ReadAllBytes(shared)), result.File.Sha256);
    }

    [Fact]
    public async Task FetchAsync_SecondFetchWithMatchingETag_Is304UnchangedWithoutRewriting()
    {
        Server.Serve("/lookup.csv", Version1, "text/csv");
        var source = Source("lookup", "/lookup.csv");
        using var fetcher = Fetcher();
        var first = await FetchAsync(fetcher, source);
        var before = Snapshot("lookup");
        var metaWritten = File.GetLastWriteTimeUtc(MetaPath("lookup"));

        var second = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Unchanged, second.Status);
        Assert.Equal(first.File, second.File);
        Assert.Equal(1, Server.NotModifiedCount("/lookup.csv"));
        var request = Server.Requests("/lookup.csv")[1];
        Assert.Equal(first.File!.ETag, request.Header("If-None-Match"));
        Assert.NotNull(request.Header("If-Modified-Since"));
        AssertIntact("lookup", before, Version1);
        Assert.Equal(metaWritten, File.GetLastWriteTimeUtc(MetaPath("lookup")));
    }

    [Fact]
    public async Task FetchAsync_SameBytesNewETag_IsUnchangedAndRefreshesValidators()
    {
        Server.Serve("/lookup.csv", Version1, "text/csv", etag: "\"v1\"");
        var source = Source("lookup", "/lookup.csv");
        using var fetcher = Fetcher();
        var first = await FetchAsync(fetcher, source);
        Server.Serve("/lookup.csv", Version1, "text/csv", etag: "\"v2\"");

        var second = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Unchanged, second.Status);
        Assert.Equal(0, Server.NotModifiedCount("/lookup.csv"));
        Assert.Equal("\"v2\"", second.File!.ETag);
        Assert.Equal(first.File!.Path, second.File.Path);
        Assert.Equal(first.File.RetrievedAt, second.File.RetrievedAt);
        Assert.Equal("\"v2\"", Cache.TryGetLatest("lookup")!.ETag);
        Assert.Equal(Version1, File.ReadAllBytes(second.File.Path));
    }

    [Fact]
    public async Task FetchAsync_ChangedFile_IsFetchedWithNewShaAndOldBlobRemoved()
    {
        Server.Serve("/lookup.csv", Version1, "text/csv");
        var source = Source("lookup", "/lookup.csv");
        using var fetcher = Fetcher();
        var first = await FetchAsync(fetcher, source);
        Server.Serve("/lookup.csv", Version2, "text/csv");

        var second = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, second.Status);
        Assert.Equal(Sha(Version2), second.File!.Sha256);
        Assert.NotEqual(first.File!.Sha256, second.File.Sha256);
        Assert.False(File.Exists(first.File.Path));
        Assert.Equal(new[] { Sha(Version2) + ".csv", "meta.json" }, Snapshot("lookup").Keys.Order());
        Assert.Equal(second.File, Cache.TryGetLatest("lookup"));
    }

    [Fact]
    public async Task FetchAsync_ServedFolderFileChangedBetweenRequests_IsFetchedAgain()
    {
        Directory.CreateDirectory(Server.Folder!);
        var onDisk = Path.Combine(Server.Folder!, "lookup.csv");
        File.WriteAllBytes(onDisk, Version1);
        var source = Source("lookup", "/lookup.csv");
        using var fetcher = Fetcher();
        var first = await FetchAsync(fetcher, source);

        File.WriteAllBytes(onDisk, Version2);
        File.SetLastWriteTimeUtc(onDisk, DateTime.UtcNow.AddMinutes(1));
        var second = await FetchAsync(fetcher, source);

        Assert.Equal(Sha(Version1), first.File!.Sha256);
        Assert.Equal(SourceStatus.Fetched, second.Status);
        Assert.Equal(Sha(Version2), second.File!.Sha256);
    }

    [Fact]
    public async Task FetchAsync_RedirectWithinAllowedHost_IsFollowedAndRecordsFinalUrl()
    {
        Server.Serve("/v2/lookup.csv", Version1, "text/csv");
        Server.Always("/lookup.csv", TestSupport.Loopback.LoopbackFault.Redirect("/v2/lookup.csv", 301));
        var source = Source("lookup", "/lookup.csv");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(Server.Url("/lookup.csv").ToString(), result.File!.Url);
        Assert.Equal(Server.Url("/v2/lookup.csv").ToString(), result.File.FinalUrl);
        Assert.Equal(Server.Url("/v2/lookup.csv").ToString(), Cache.TryGetLatest("lookup")!.FinalUrl);
    }

    [Fact]
    public async Task FetchAsync_ValidZip_IsStoredWithZipExtension()
    {
        var zip = Zip(("readme.txt", "hello"u8.ToArray()), ("data/lookup.csv", Version1));
        Server.Serve("/bundle.zip", zip, "application/zip");
        var source = Source("bundle", "/bundle.zip", "zip", "member: data/lookup.csv", "member_format: csv");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(Path.Combine(Cache.Directory, "bundle", Sha(zip) + ".zip"), result.File!.Path);
    }

    [Fact]
    public async Task FetchAsync_Offline_ReturnsCachedCopyWithoutTouchingTheNetwork()
    {
        Server.Serve("/lookup.csv", Version1, "text/csv");
        var source = Source("lookup", "/lookup.csv");
        using (var online = Fetcher())
        {
            await FetchAsync(online, source);
        }

        using var offline = Fetcher(FastOptions with { Offline = true });
        var cached = await FetchAsync(offline, source);
        var missing = await FetchAsync(offline, Source("never-fetched", "/lookup.csv"));

        Assert.Equal(SourceStatus.Unchanged, cached.Status);
        Assert.Equal(0, cached.Attempts);
        Assert.Equal(Sha(Version1), cached.File!.Sha256);
        Assert.Equal(SourceStatus.Failed, missing.Status);
        Assert.Null(missing.File);
        Assert.Equal($"Source 'never-fetched' ({Server.Url("/lookup.csv")}): offline and no cached copy", missing.Error);
        Assert.Equal(1, Server.RequestCount("/lookup.csv"));
    }

    [Fact]
    public async Task FetchAsync_FileSource_IsCheckedAndCachedThenUnchanged()
    {
        var local = Lake.Combine("local.csv");
        File.WriteAllBytes(local, Version1);
        var source = Assert.Single(Catalogue(Entry("local", "local.csv")).Sources);
        using var fetcher = Fetcher();

        var first = await FetchAsync(fetcher, source);
        var second = await FetchAsync(fetcher, source);
        File.WriteAllBytes(local, Version2);
        var third = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, first.Status);
        Assert.Equal(local, first.File!.Url);
        Assert.True(second.Status == SourceStatus.Unchanged, second.Error);
        Assert.Equal(SourceStatus.Fetched, third.Status);
        Assert.Equal(Sha(Version2), third.File!.Sha256);
    }

    [Fact]
    public async Task FetchAsync_FileSourceHoldingHtml_FailsAndKeepsLastGoodCopy()
    {
        var local = Lake.Combine("local.csv");
        File.WriteAllBytes(local, Version1);
        var source = Assert.Single(Catalogue(Entry("local", "local.csv")).Sources);
        using var fetcher = Fetcher();
        await FetchAsync(fetcher, source);
        var before = Snapshot("local");
        File.WriteAllText(local, "<html><body>moved</body></html>");

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Equal($"Source 'local' ({local}): is an HTML page, not csv", result.Error);
        Assert.True(result.IsStale);
        AssertIntact("local", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_StaleTempDebris_IsCleanedAtStart()
    {
        Server.Serve("/lookup.csv", Version1, "text/csv");
        var folder = Path.Combine(Cache.Directory, "lookup");
        Directory.CreateDirectory(folder);
        var debris = Path.Combine(folder, ".tmp-killed-run");
        File.WriteAllText(debris, "half a download");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, Source("lookup", "/lookup.csv"));

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.False(File.Exists(debris));
        Assert.DoesNotContain(Snapshot("lookup").Keys, k => k.StartsWith(".tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAllAsync_OneSourceFails_OthersStillFetchedInCatalogueOrder()
    {
        Server.Serve("/a.csv", Version1, "text/csv");
        Server.Serve("/c.csv", Version2, "text/csv");
        var catalogue = Catalogue(
            Entry("a", Server.Url("/a.csv").ToString()),
            Entry("b-missing", Server.Url("/missing.csv").ToString()),
            Entry("disabled", Server.Url("/a.csv").ToString(), "csv", "enabled: false"),
            Entry("c", Server.Url("/c.csv").ToString()));
        using var fetcher = Fetcher(FastOptions with { MaxParallelSources = 2 });

        var results = await fetcher.FetchAllAsync(catalogue, Cache);

        Assert.Equal(new[] { "a", "b-missing", "c" }, results.Select(r => r.Source.Id));
        Assert.Equal(new[] { SourceStatus.Fetched, SourceStatus.Failed, SourceStatus.Fetched }, results.Select(r => r.Status));
        Assert.Equal($"Source 'b-missing' ({Server.Url("/missing.csv")}): HTTP 404 Not Found", results[1].Error);
        Assert.Equal(Sha(Version2), results[2].File!.Sha256);
    }

    [Fact]
    public async Task FetchAllAsync_CatalogueUserAgent_IsSent()
    {
        Server.Serve("/a.csv", Version1, "text/csv");
        var catalogue = SourceCatalogueWithUserAgent("TestAgent/9.9 (+mailto:test@example.org)", Entry("a", Server.Url("/a.csv").ToString()));
        using var fetcher = Fetcher();

        await fetcher.FetchAllAsync(catalogue, Cache);

        Assert.Equal("TestAgent/9.9 (+mailto:test@example.org)", Server.Requests("/a.csv")[0].Header("User-Agent"));
    }

    private Sources.Catalogue.SourceCatalogue SourceCatalogueWithUserAgent(string userAgent, string entry) =>
        Sources.Catalogue.SourceCatalogue.Parse(
            new StringBuilder("version: 1\ndefaults:\n  user_agent: \"").Append(userAgent).Append("\"\nsources:\n").Append(entry).ToString(),
            Lake.Path);
}
