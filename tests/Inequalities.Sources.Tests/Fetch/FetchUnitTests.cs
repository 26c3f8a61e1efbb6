using System.Net.Http.Headers;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Sources.Tests.Fetch;

/// <summary>The pieces of the fetch layer that need no network: options, Retry-After, redirects, sniffing.</summary>
public sealed class FetchUnitTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new FetchOptions().Validate();
        Assert.Equal(5, new FetchOptions().MaxAttempts);
    }

    [Fact]
    public void Validate_ManyProblems_ListsEveryOneInOneException()
    {
        var options = new FetchOptions
        {
            MaxAttempts = 0,
            MaxDelay = TimeSpan.FromSeconds(1),
            StallTimeout = TimeSpan.Zero,
            BreakerFailureRatio = 1.5,
            BreakerMinimumThroughput = 1,
            MaxParallelSources = 0,
            UserAgent = " ",
        };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "FetchOptions has 7 problems:",
                "  MaxAttempts is 0; it must be at least 1",
                "  MaxDelay (00:00:01) is less than BaseDelay (00:00:02)",
                "  StallTimeout is 00:00:00; it must be between 10 milliseconds and 1 day",
                "  BreakerFailureRatio is 1.5; it must be greater than 0 and at most 1",
                "  BreakerMinimumThroughput is 1; it must be at least 2",
                "  MaxParallelSources is 0; it must be at least 1",
                "  UserAgent is empty; publishers need to know who is asking"),
            ex.Message);
    }

    [Fact]
    public void SourceFetcher_InvalidOptions_ThrowsFromConstructor()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SourceFetcher(new FetchOptions { MaxRedirects = -1 }, TimeProvider.System));

        Assert.Contains("MaxRedirects is -1; it must be 0 or more", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryAfter_HttpDate_IsMeasuredFromTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var header = new RetryConditionHeaderValue(new DateTimeOffset(2025, 3, 1, 12, 0, 45, TimeSpan.Zero));

        var wait = RedirectPolicy.RetryAfter(header, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(5));
        var late = RedirectPolicy.RetryAfter(header, clock.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(45), wait);
        Assert.Equal(TimeSpan.Zero, late);
    }

    [Fact]
    public void RetryAfter_DeltaSeconds_IsCappedByMaxDelay()
    {
        var wait = RedirectPolicy.RetryAfter(RetryConditionHeaderValue.Parse("600"), DateTimeOffset.UnixEpoch);

        Assert.Equal(TimeSpan.FromMinutes(10), wait);
        Assert.Equal(TimeSpan.FromMinutes(2), SourceFetcher.RetryDelay(wait!.Value, TimeSpan.FromMinutes(2)));
        Assert.Equal(TimeSpan.FromSeconds(30), SourceFetcher.RetryDelay(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)));
        Assert.Null(RedirectPolicy.RetryAfter(null, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("https://a.example/x.csv", "http://a.example/y.csv", "redirect from https to plain http ('http://a.example/y.csv') is refused")]
    [InlineData("https://a.example/x.csv", "https://b.example/y.csv", "redirect to host 'b.example' which is not in the catalogue (allowed_hosts)")]
    [InlineData("https://a.example/x.csv", "ftp://a.example/y.csv", "redirect to 'ftp://a.example/y.csv' uses the scheme 'ftp'; only https is followed")]
    [InlineData("https://a.example/x.csv", "https://A.EXAMPLE/y.csv", null)]
    [InlineData("http://127.0.0.1:5000/x.csv", "http://127.0.0.1:5001/y.csv", null)]
    public void Check_Redirect_RefusesUnsafeTargets(string from, string to, string? expected)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal) { "a.example", "127.0.0.1" };

        Assert.Equal(expected, RedirectPolicy.Check(new Uri(from), new Uri(to), allowed));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html>", true)]
    [InlineData("\uFEFF \r\n\t<HTML lang=\"en\">", true)]
    [InlineData("<head><title>x</title>", true)]
    [InlineData("LAD23CD,CAUTH23CD\n<html>", false)]
    [InlineData("[{\"a\": \"<html>\"}]", false)]
    public void LooksLikeHtml_StartOfFile_DetectsHtmlDocuments(string start, bool expected)
    {
        Assert.Equal(expected, ContentChecks.LooksLikeHtml(System.Text.Encoding.UTF8.GetBytes(start)));
    }

    [Theory]
    [InlineData(SourceFormat.Csv, "application/vnd.ms-excel", null)]
    [InlineData(SourceFormat.Csv, "binary/octet-stream", null)]
    [InlineData(SourceFormat.Json, "application/vnd.something+json", null)]
    [InlineData(SourceFormat.Zip, "text/html", "returned an HTML page (Content-Type 'text/html'), not zip")]
    [InlineData(SourceFormat.CsvGz, "TEXT/HTML", "returned an HTML page (Content-Type 'text/html'), not csv.gz")]
    public void CheckContentType_DeclaredFormat_AcceptsOrExplains(SourceFormat format, string mediaType, string? expected)
    {
        Assert.Equal(expected, ContentChecks.CheckContentType(format, mediaType));
    }

    [Fact]
    public void TryGetLatest_InvalidSourceId_IsRefused()
    {
        var cache = new RawCache(Path.GetTempPath());

        var ex = Assert.Throws<ArgumentException>(() => cache.TryGetLatest("../etc"));

        Assert.Contains("'../etc' is not a valid source id", ex.Message, StringComparison.Ordinal);
    }
}
