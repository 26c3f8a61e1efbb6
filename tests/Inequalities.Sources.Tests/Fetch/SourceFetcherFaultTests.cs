using System.Diagnostics;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport.Loopback;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>
/// Fault injection over real HTTP: each fault either recovers with the right number of attempts, or fails with a
/// clear error while the last good raw copy (blob bytes and meta.json) stays exactly as it was.
/// </summary>
public sealed class SourceFetcherFaultTests : FetchTestBase
{
    private string Prefix(string id, string path) => $"Source '{id}' ({Server.Url(path)}): ";

    [Fact]
    public async Task FetchAsync_TwoServerErrorsThenSuccess_RetriesAndFetches()
    {
        using var fetcher = Fetcher();
        var (source, _, _) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Script("/lookup.csv", LoopbackFault.Status(500), LoopbackFault.Status(503));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(1 + 3, Server.RequestCount("/lookup.csv"));
        Assert.Equal(Sha(Version2), result.File!.Sha256);
    }

    [Fact]
    public async Task FetchAsync_ServerErrorEveryTime_FailsAfterMaxAttemptsAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher();
        var (source, good, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Status(503));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Equal(Prefix("lookup", "/lookup.csv") + "HTTP 503 Service Unavailable (after 3 attempts)", result.Error);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(1 + 3, Server.RequestCount("/lookup.csv"));
        Assert.True(result.IsStale);
        Assert.Equal(good, result.File);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_HeadersTooSlowEveryTime_FailsWithHeaderTimeoutAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher(FastOptions with { MaxAttempts = 2, ResponseHeadersTimeout = TimeSpan.FromMilliseconds(300) });
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.DelayHeaders(TimeSpan.FromSeconds(20)));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "no response headers within 00:00:00.3000000 (after 2 attempts)", result.Error);
        Assert.Equal(1 + 2, Server.RequestCount("/lookup.csv"));
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_NothingListening_RetriesConnectionErrorsThenFails()
    {
        Uri deadUrl;
        await using (var dead = await LoopbackServer.StartAsync())
        {
            deadUrl = dead.Url("/lookup.csv");
        }

        var source = Assert.Single(Catalogue(Entry("dead", deadUrl.ToString())).Sources);
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.StartsWith($"Source 'dead' ({deadUrl}): the request failed: ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("(after 3 attempts)", result.Error, StringComparison.Ordinal);
        Assert.Null(result.File);
    }

    [Fact]
    public async Task FetchAsync_RequestTimeout408ThenSuccess_IsRetried()
    {
        using var fetcher = Fetcher();
        var (source, _, _) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Script("/lookup.csv", LoopbackFault.Status(408));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task FetchAsync_TooManyRequestsWithRetryAfterSeconds_WaitsAsAsked()
    {
        using var fetcher = Fetcher(FastOptions with { MaxDelay = TimeSpan.FromSeconds(5) });
        var (source, _, _) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Script("/lookup.csv", LoopbackFault.TooManyRequests("1"));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(2, result.Attempts);
        var requests = Server.Requests("/lookup.csv");
        var waited = requests[2].ReceivedAt - requests[1].ReceivedAt;
        Assert.InRange(waited.TotalMilliseconds, 900, 4000);
    }

    [Fact]
    public async Task FetchAsync_TooManyRequestsWithLongRetryAfter_IsCappedByMaxDelay()
    {
        using var fetcher = Fetcher(FastOptions with { MaxDelay = TimeSpan.FromMilliseconds(200) });
        var (source, good, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.TooManyRequests("3600"));
        var clock = Stopwatch.StartNew();

        var result = await FetchAsync(fetcher, source);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.3, 10);
        Assert.Equal(Prefix("lookup", "/lookup.csv") + "HTTP 429 Too Many Requests (after 3 attempts)", result.Error);
        Assert.Equal(good, result.File);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_StalledBodyOnce_IsRetriedAndFetched()
    {
        using var fetcher = Fetcher(StallOptions);
        var (source, _, _) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Script("/lookup.csv", LoopbackFault.Stall(10, TimeSpan.FromSeconds(20)));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(Sha(Version2), result.File!.Sha256);
        Assert.DoesNotContain(Snapshot("lookup").Keys, k => k.StartsWith(".tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAsync_BodyStallsEveryTime_FailsWithStallErrorAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher(StallOptions with { MaxAttempts = 2 });
        var (source, good, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Stall(10, TimeSpan.FromSeconds(20)));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(
            Prefix("lookup", "/lookup.csv") + "the download stalled: no data for 00:00:00.7000000 after 10 bytes (after 2 attempts)",
            result.Error);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(good, result.File);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_BodyCutOffOnce_IsRetriedAndFetched()
    {
        using var fetcher = Fetcher();
        var (source, _, _) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Script("/lookup.csv", LoopbackFault.CutOff(20));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Fetched, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(Version2, File.ReadAllBytes(result.File!.Path));
    }

    [Fact]
    public async Task FetchAsync_BodyCutOffEveryTime_FailsAfterMaxAttemptsAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher();
        var (source, good, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.CutOff(20));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.StartsWith(Prefix("lookup", "/lookup.csv") + $"the body was cut off after 20 of {Version2.Length} bytes: ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("(after 3 attempts)", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, Server.RequestCount("/lookup.csv") - 1);
        Assert.Equal(good, result.File);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_WrongContentType_FailsWithoutRetryAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.WrongContentType("image/png"));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(
            Prefix("lookup", "/lookup.csv") + "returned Content-Type 'image/png', which is not csv (expected one of text/csv, text/plain, " +
            "application/csv, application/x-csv, text/x-csv, text/comma-separated-values, application/vnd.ms-excel or application/octet-stream)",
            result.Error);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(2, Server.RequestCount("/lookup.csv"));
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_HtmlErrorPageWith200_FailsWithoutRetryAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.HtmlPage());

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "returned an HTML page (Content-Type 'text/html'), not csv", result.Error);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_HtmlPageSentAsCsv_IsSniffedAndRejected()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.HtmlPage("text/csv"));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "returned an HTML page, not csv", result.Error);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_NotFound_FailsWithoutRetry()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Status(404));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "HTTP 404 Not Found", result.Error);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_RedirectToHostOutsideCatalogue_IsRefusedAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Redirect("http://localhost.invalid/lookup.csv"));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "redirect to host 'localhost.invalid' which is not in the catalogue (allowed_hosts)", result.Error);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_StopsAfterMaxRedirects()
    {
        using var fetcher = Fetcher(FastOptions with { MaxRedirects = 3 });
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Redirect("/lookup.csv"));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + $"more than 3 redirects (the last to '{Server.Url("/lookup.csv")}')", result.Error);
        Assert.Equal(1 + 4, Server.RequestCount("/lookup.csv"));
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_ContentLengthOverMaxBytes_FailsBeforeDownloading()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv", "max_bytes: 100");
        Server.Serve("/lookup.csv", new byte[5000], "text/csv");

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "is 5000 bytes (Content-Length), more than the limit of 100 bytes (max_bytes)", result.Error);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_ChunkedBodyOverMaxBytes_StopsWhileStreaming()
    {
        using var fetcher = Fetcher();
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv", "max_bytes: 100");
        Server.Serve("/lookup.csv", new byte[50_000], "text/csv");
        Server.Always("/lookup.csv", LoopbackFault.Chunked());

        var result = await FetchAsync(fetcher, source);

        Assert.StartsWith(Prefix("lookup", "/lookup.csv") + "is larger than the limit of 100 bytes (max_bytes); stopped after ", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_ZipWithParentDirectoryMember_IsRefused()
    {
        var zip = Zip(("data/lookup.csv", Version1), ("../evil.csv", "pwned"u8.ToArray()));
        Server.Serve("/bundle.zip", zip, "application/zip");
        var source = Source("bundle", "/bundle.zip", "zip", "member: data/lookup.csv", "member_format: csv");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("bundle", "/bundle.zip") + "archive holds the unsafe member path '../evil.csv' (absolute or with '..')", result.Error);
        Assert.Equal(1, result.Attempts);
        Assert.Null(Cache.TryGetLatest("bundle"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Cache.Directory, "bundle")));
        Assert.False(File.Exists(Path.Combine(Cache.Directory, "evil.csv")));
    }

    [Fact]
    public async Task FetchAsync_ZipWithoutDeclaredMember_NamesTheMembersItHas()
    {
        Server.Serve("/bundle.zip", Zip(("other.csv", Version1)), "application/zip");
        var source = Source("bundle", "/bundle.zip", "zip", "member: data/lookup.csv", "member_format: csv");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("bundle", "/bundle.zip") + "archive has no member 'data/lookup.csv' (it holds 1 member: other.csv)", result.Error);
    }

    [Fact]
    public async Task FetchAsync_ZipMemberOverDecompressionLimit_IsRefused()
    {
        Server.Serve("/bundle.zip", Zip(("data/lookup.csv", new byte[10_000])), "application/zip");
        var source = Source("bundle", "/bundle.zip", "zip", "member: data/lookup.csv", "member_format: csv");
        using var fetcher = Fetcher(FastOptions with { DecompressionLimit = 4096 });

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(
            Prefix("bundle", "/bundle.zip") + "archive member 'data/lookup.csv' declares 10000 bytes uncompressed, more than the limit of 4096 bytes (DecompressionLimit)",
            result.Error);
    }

    [Fact]
    public async Task FetchAsync_GzipOverDecompressionLimit_IsRefused()
    {
        Server.Serve("/big.csv.gz", Gzip(new byte[100_000]), "application/gzip");
        var source = Source("big", "/big.csv.gz", "csv.gz");
        using var fetcher = Fetcher(FastOptions with { DecompressionLimit = 4096 });

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("big", "/big.csv.gz") + "gzip stream decompresses to more than 4096 bytes (DecompressionLimit)", result.Error);
    }

    [Fact]
    public async Task FetchAsync_PlainCsvDeclaredAsGzip_IsRefused()
    {
        Server.Serve("/plain.csv.gz", Version1, "application/octet-stream");
        var source = Source("plain", "/plain.csv.gz", "csv.gz");
        using var fetcher = Fetcher();

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("plain", "/plain.csv.gz") + "returned a file without the gzip header (1f 8b), not csv.gz", result.Error);
    }

    [Fact]
    public async Task FetchAsync_PinnedSha256Mismatch_FailsAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher();
        var pinned = Sha(Version1);
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv", "sha256: " + pinned);

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + $"has SHA-256 {Sha(Version2)}, but the catalogue pins {pinned}", result.Error);
        Assert.Equal(1, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_AttemptTimeout_IsRetriedThenFails()
    {
        var options = FastOptions with { MaxAttempts = 2, StallTimeout = TimeSpan.FromSeconds(20), AttemptTimeout = TimeSpan.FromMilliseconds(400) };
        using var fetcher = Fetcher(options);
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Stall(10, TimeSpan.FromSeconds(20)));

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(Prefix("lookup", "/lookup.csv") + "an attempt took longer than the attempt timeout of 00:00:00.4000000 (after 2 attempts)", result.Error);
        Assert.Equal(2, result.Attempts);
        AssertIntact("lookup", before, Version1);
    }

    [Fact]
    public async Task FetchAsync_HostKeepsFailing_CircuitOpensAndOtherSourcesOnHostFailFast()
    {
        var options = FastOptions with { MaxAttempts = 5, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5 };
        using var fetcher = Fetcher(options);
        Server.Serve("/other.csv", Version1, "text/csv");
        Server.Always("/down.csv", LoopbackFault.Status(500));

        var down = await FetchAsync(fetcher, Source("down", "/down.csv"));
        var other = await FetchAsync(fetcher, Source("other", "/other.csv"));

        Assert.Equal(2, Server.RequestCount("/down.csv"));
        Assert.StartsWith(Prefix("down", "/down.csv") + "the circuit for host '127.0.0.1' is open after repeated failures", down.Error, StringComparison.Ordinal);
        Assert.Equal(SourceStatus.Failed, other.Status);
        Assert.StartsWith(Prefix("other", "/other.csv") + "the circuit for host '127.0.0.1' is open", other.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount("/other.csv"));
    }

    [Fact]
    public async Task FetchAsync_CancelledDuringStall_ThrowsAndKeepsLastGoodCopy()
    {
        using var fetcher = Fetcher(FastOptions with { StallTimeout = TimeSpan.FromSeconds(30) });
        var (source, _, before) = await SeedAsync(fetcher, "lookup", "/lookup.csv");
        Server.Always("/lookup.csv", LoopbackFault.Stall(10, TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FetchAsync(fetcher, source, cts.Token));

        AssertIntact("lookup", before, Version1);
    }
}
