using System.CommandLine;
using System.Text.Json;
using Inequalities.Lake.Operations;
using Inequalities.Sources.Fetch;
using Inequalities.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Worker.Tests.Operations;

/// <summary>
/// <c>inequalities status</c> through the command line, on lakes the real verbs built, with the clock injected:
/// exit 0 fresh, 1 not fresh (and why), 2 bad input.
/// </summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));

    public void Dispose() => _temp.Dispose();

    private string Lake => _temp.Combine("lake");

    private async Task<(int Code, string Output, string Error)> Invoke(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Program.InvokeAsync(args, _clock, NullLoggerFactory.Instance, new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private async Task SampleRefreshAsync()
    {
        // The real catalogue without its briefings: status reads the refresh's runs, not the pages.
        var (code, _, error) = await Invoke("refresh", "--sample", "--config", TestCatalogues.WriteRealWithoutBriefs(_temp.Combine("catalogue")), "--lake", Lake);
        Assert.True(code == 0, error);
    }

    [Fact]
    public async Task Status_JustRefreshed_ExitsZeroListingEverySource()
    {
        await SampleRefreshAsync();
        _clock.Advance(TimeSpan.FromHours(2));

        var (code, output, error) = await Invoke("status", "--lake", Lake);

        Assert.True(code == 0, output + error);
        Assert.StartsWith($"Lake {Lake}: fresh (max age 1d 12h)", output, StringComparison.Ordinal);
        Assert.Contains("Last success: published at 2026-11-25T02:00:", output, StringComparison.Ordinal);
        Assert.Contains("(2h 0m ago, by refresh)", output, StringComparison.Ordinal);
        Assert.Contains("Next run: not scheduled (no worker has run on this lake)", output, StringComparison.Ordinal);
        Assert.Contains("  fingertips-suicide ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SnapshotOlderThanMaxAge_ExitsOneSayingWhichAndZeroWithALargerMaxAge()
    {
        await SampleRefreshAsync();
        _clock.Advance(TimeSpan.FromHours(37));

        var old = await Invoke("status", "--lake", Lake, "--max-age", "36h");
        var lenient = await Invoke("status", "--lake", Lake, "--max-age", "2d");

        Assert.Equal(1, old.Code);
        Assert.Contains("NOT FRESH", old.Output, StringComparison.Ordinal);
        Assert.Contains("was last published or confirmed 1d 13h ago", old.Output, StringComparison.Ordinal);
        Assert.Contains("more than --max-age 1.12:00:00", old.Output, StringComparison.Ordinal);
        Assert.Contains("source 'iod2019-file7' was last confirmed 1d 13h ago", old.Output, StringComparison.Ordinal);
        Assert.True(lenient.Code == 0, lenient.Output);
    }

    [Fact]
    public async Task Status_LastRefreshFailed_ExitsOneNamingTheFailedSource()
    {
        await SampleRefreshAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        var broken = _temp.WriteText("broken.yml", """
            version: 1
            sources:
              - id: gone
                kind: indicator
                publisher: Nobody
                licence: OGL-3.0
                url: missing/gone.csv
                format: csv
                geography: lsoa
                columns:
                  area_code: code
                  value: value
            """);
        var refresh = await Invoke("refresh", "--config", broken, "--lake", Lake);
        Assert.Equal(1, refresh.Code);

        var (code, output, _) = await Invoke("status", "--lake", Lake);
        var json = await Invoke("status", "--lake", Lake, "--json");

        Assert.Equal(1, code);
        Assert.Contains("NOT FRESH", output, StringComparison.Ordinal);
        Assert.Contains("the last run failed (failed, started 2026-11-25T03:00:00.0000000+00:00): source 'gone' failed and has no earlier copy", output, StringComparison.Ordinal);
        Assert.Contains("the file does not exist", output, StringComparison.Ordinal);
        Assert.Equal(1, json.Code);
        using var document = JsonDocument.Parse(json.Output);
        Assert.False(document.RootElement.GetProperty("fresh").GetBoolean());
        Assert.Equal("failed", document.RootElement.GetProperty("last_failure").GetProperty("outcome").GetString());
        Assert.Equal("refresh", document.RootElement.GetProperty("last_failure").GetProperty("trigger").GetString());
        Assert.Equal("published", document.RootElement.GetProperty("last_success").GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("36x")]
    [InlineData("-2h")]
    [InlineData("soon")]
    public async Task Status_BadDuration_ExitsTwoNamingTheFormsAccepted(string maxAge)
    {
        await SampleRefreshAsync();

        var (code, _, error) = await Invoke("status", "--lake", Lake, "--max-age", maxAge);

        Assert.Equal(2, code);
        Assert.Contains($"--max-age '{maxAge}' is not a positive duration: write 36h, 90m, 2d, 45s or a TimeSpan such as 1.12:00:00.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_NoLake_ExitsTwo()
    {
        var (code, _, error) = await Invoke("status", "--lake", _temp.Combine("nowhere"));

        Assert.Equal(2, code);
        Assert.Contains("There is no lake at", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnreadableStatusJson_ExitsTwoNamingTheFile()
    {
        await SampleRefreshAsync();
        await File.WriteAllTextAsync(Path.Combine(Lake, "status.json"), "{ not json");

        var (code, _, error) = await Invoke("status", "--lake", Lake);

        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(Lake, "status.json") + " is not a valid status.json", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("36h", 36 * 3600)]
    [InlineData("90m", 90 * 60)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("45s", 45)]
    [InlineData("1.5h", 5400)]
    [InlineData("1.12:00:00", 36 * 3600)]
    [InlineData("00:30:00", 1800)]
    public void Durations_TryParse_AcceptsUnitsAndTimeSpans(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Commands.Durations.TryParse(text));
    }

    [Fact]
    public async Task Refresh_RecordsItsRunsInStatusJsonForStatus()
    {
        await SampleRefreshAsync();

        var status = LakeStatus.Read(new Lake.Snapshots.LakeLayout(Lake))!;

        Assert.Equal("none", status.State);
        Assert.Equal(("published", "refresh"), (status.LastRun!.Outcome, status.LastRun.Trigger));
        Assert.Equal((status.LastRun.StartedAt, status.LastRun.SnapshotId), (status.LastSuccess!.StartedAt, status.LastSuccess.SnapshotId));
        Assert.Equal(status.Sources.Select(s => s.Id), status.LastRun.Fetched);
        Assert.Null(status.LastFailure);
        Assert.All(status.Sources, s => Assert.Equal((SourceStatus.Fetched, _clock.GetUtcNow()), (s.Status, s.LastCheckedAt!.Value)));
    }
}
