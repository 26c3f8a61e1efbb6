using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport.Loopback;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>
/// <c>{month:FORMAT}</c> urls and members resolved from the injected clock, with <c>fallback_months</c>: only 404, 410
/// and a missing zip member move on to the month before; the resolved url and member are recorded.
/// </summary>
public sealed class MonthTemplateFetchTests : FetchTestBase
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 11, 15, 1, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task FetchAsync_CurrentMonthNotPublishedYet_FallsBackToTheMonthBeforeAndRecordsIt()
    {
        Server.Serve("/BasicCompanyDataAsOneFile-2025-10-01.zip", Zip(("BasicCompanyDataAsOneFile-2025-10-01.csv", Version1)), "application/zip");
        using var fetcher = new SourceFetcher(FastOptions, _clock);

        var result = await FetchAsync(fetcher, Companies(fallback: 2));

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal(Server.Url("/BasicCompanyDataAsOneFile-2025-10-01.zip").ToString(), result.File!.Url);
        Assert.Equal("BasicCompanyDataAsOneFile-2025-10-01.csv", result.File.Member);
        Assert.Equal("BasicCompanyDataAsOneFile-2025-10-01.csv", Cache.TryGetLatest("companies")!.Member);
        Assert.Equal(1, Server.RequestCount("/BasicCompanyDataAsOneFile-2025-11-01.zip"));
        Assert.Equal(Server.BaseAddress + "BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.zip", result.Source.Url);
    }

    [Fact]
    public async Task FetchAsync_SameMonthAgain_AsksConditionallyAndIsUnchanged()
    {
        Server.Serve("/BasicCompanyDataAsOneFile-2025-11-01.zip", Zip(("BasicCompanyDataAsOneFile-2025-11-01.csv", Version1)), "application/zip");
        using var fetcher = new SourceFetcher(FastOptions, _clock);
        var first = await FetchAsync(fetcher, Companies(fallback: 0));

        var second = await FetchAsync(fetcher, Companies(fallback: 0));

        Assert.Equal(SourceStatus.Fetched, first.Status);
        Assert.Equal(SourceStatus.Unchanged, second.Status);
        Assert.Equal(1, Server.NotModifiedCount("/BasicCompanyDataAsOneFile-2025-11-01.zip"));
    }

    [Fact]
    public async Task FetchAsync_NoFallback_FailsNamingTheResolvedUrl()
    {
        Server.Serve("/BasicCompanyDataAsOneFile-2025-10-01.zip", Zip(("BasicCompanyDataAsOneFile-2025-10-01.csv", Version1)), "application/zip");
        using var fetcher = new SourceFetcher(FastOptions, _clock);

        var result = await FetchAsync(fetcher, Companies(fallback: 0));

        Assert.Equal($"Source 'companies' ({Server.Url("/BasicCompanyDataAsOneFile-2025-11-01.zip")}): HTTP 404 Not Found", result.Error);
        Assert.Equal(0, Server.RequestCount("/BasicCompanyDataAsOneFile-2025-10-01.zip"));
    }

    [Fact]
    public async Task FetchAsync_OtherFailureForTheCurrentMonth_DoesNotFallBack()
    {
        Server.Always("/BasicCompanyDataAsOneFile-2025-11-01.zip", LoopbackFault.Status(403));
        Server.Serve("/BasicCompanyDataAsOneFile-2025-10-01.zip", Zip(("BasicCompanyDataAsOneFile-2025-10-01.csv", Version1)), "application/zip");
        using var fetcher = new SourceFetcher(FastOptions, _clock);

        var result = await FetchAsync(fetcher, Companies(fallback: 3));

        Assert.Equal(SourceStatus.Failed, result.Status);
        Assert.EndsWith("HTTP 403 Forbidden", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, Server.RequestCount("/BasicCompanyDataAsOneFile-2025-10-01.zip"));
    }

    [Fact]
    public async Task FetchAsync_ZipWithoutThisMonthsMember_FallsBack()
    {
        Server.Serve("/BasicCompanyDataAsOneFile-2025-11-01.zip", Zip(("readme.txt", "not yet"u8.ToArray())), "application/zip");
        Server.Serve("/BasicCompanyDataAsOneFile-2025-10-01.zip", Zip(("BasicCompanyDataAsOneFile-2025-10-01.csv", Version2)), "application/zip");
        using var fetcher = new SourceFetcher(FastOptions, _clock);

        var result = await FetchAsync(fetcher, Companies(fallback: 1));

        Assert.True(result.Status == SourceStatus.Fetched, result.Error);
        Assert.Equal("BasicCompanyDataAsOneFile-2025-10-01.csv", result.File!.Member);
    }

    [Fact]
    public async Task FetchAsync_NoMonthHasTheFile_FailsListingEveryMonthTried()
    {
        using var fetcher = new SourceFetcher(FastOptions, _clock);
        var source = Assert.Single(Catalogue(Entry("coops", Server.BaseAddress + "open_data_organisations_{month:yyyy_MM}.csv", "csv", "fallback_months: 2")).Sources);

        var result = await FetchAsync(fetcher, source);

        Assert.Equal(
            $"Source 'coops' ({Server.Url("/open_data_organisations_2025_09.csv")}): HTTP 404 Not Found; no month had the file (tried, newest first: " +
            $"{Server.Url("/open_data_organisations_2025_11.csv")}, {Server.Url("/open_data_organisations_2025_10.csv")}, {Server.Url("/open_data_organisations_2025_09.csv")}; fallback_months is 2) (after 3 attempts)",
            result.Error);
    }

    private SourceDefinition Companies(int fallback) => Assert.Single(Catalogue(Entry(
        "companies",
        Server.BaseAddress + "BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.zip",
        "zip",
        "member: BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.csv",
        "member_format: csv",
        $"fallback_months: {fallback}")).Sources);
}
