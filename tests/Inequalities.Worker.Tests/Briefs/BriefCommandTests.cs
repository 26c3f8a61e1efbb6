using System.CommandLine;
using System.Security.Cryptography;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inequalities.Worker.Tests.Briefs;

/// <summary>
/// A sample lake refreshed through the command line with a catalogue whose <c>briefs:</c> section asks for a briefing
/// that works (the city region, HTML), one whose PDF cannot be printed (no such browser) and one for an area the lake
/// does not have: the snapshot is published with the good one and the manifest lists all three outcomes.
/// </summary>
public sealed class BriefLakeFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string Lake => _temp.Combine("lake");

    public string Combine(string name) => _temp.Combine(name);

    public int RefreshCode { get; private set; }

    public async Task InitializeAsync()
    {
        var config = _temp.Combine("data-sources.yml");
        var yaml = TestCatalogues.WithoutSection(TestCatalogues.RealYamlWithSampleGradients, "briefs") + $"""
            briefs:
              areas: [E47000004, E08000099]
              formats: [html, pdf]
              browser: {_temp.Combine("no-such-browser")}
            """;
        File.WriteAllText(config, yaml);
        RefreshCode = await BriefCommandTests.InvokeAsync("refresh", "--sample", "--config", config, "--lake", Lake);
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary><c>inequalities brief</c> and the refresh's briefings, through the command line.</summary>
public sealed class BriefCommandTests(BriefLakeFixture lake) : IClassFixture<BriefLakeFixture>
{
    internal static Task<int> InvokeAsync(params string[] args) =>
        Program.InvokeAsync(args, TimeProvider.System, NullLoggerFactory.Instance, new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

    [Fact]
    public void Refresh_BriefsSection_PublishesTheSnapshotWithTheBriefingsThatWorkedAndListsEveryOutcome()
    {
        Assert.Equal(0, lake.RefreshCode);
        var snapshot = LakeSnapshot.OpenCurrent(lake.Lake);
        var briefs = snapshot.Manifest.Briefs!;

        Assert.Equal(
            ["E47000004 html written", "E47000004 pdf failed", "E08000099 html failed", "E08000099 pdf failed"],
            briefs.Select(b => $"{b.AreaCode} {b.Format} {b.Status}"));
        var written = briefs[0];
        Assert.Equal("briefs/E47000004.html", written.Path);
        Assert.Equal("Liverpool City Region", written.AreaName);
        var bytes = File.ReadAllBytes(Path.Combine(snapshot.Directory, written.Path!));
        Assert.Equal(written.Bytes, bytes.Length);
        Assert.Equal(written.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains("no-such-browser", briefs[1].Error, StringComparison.Ordinal);
        Assert.Contains("E08000099", briefs[2].Error, StringComparison.Ordinal);
        // Nothing half-written: only the briefing that was made is in the folder.
        Assert.Equal(["E47000004.html"], Directory.GetFiles(Path.Combine(snapshot.Directory, "briefs")).Select(Path.GetFileName));
        Assert.All(snapshot.Manifest.Sources, s => Assert.Equal(s.Licence.StartsWith("OGL", StringComparison.Ordinal), s.Attribution == Sources.Catalogue.Attribution.OpenGovernmentLicence || (s.Attribution?.Contains("Open Government Licence", StringComparison.Ordinal) ?? false)));
    }

    [Fact]
    public async Task Brief_CityRegion_WritesTheHtmlPageAndExitsZero()
    {
        var output = lake.Combine("lcr.html");

        var code = await InvokeAsync("brief", "--lake", lake.Lake, "--area", "E47000004", "--output", output);

        Assert.Equal(0, code);
        var html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-GB\">", html, StringComparison.Ordinal);
        Assert.Contains("Health inequalities briefing: Liverpool City Region", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-lake", "E47000004", "out.html", 2)]   // no lake
    [InlineData(null, "E08000099", "out.html", 2)]             // an area the lake does not have
    [InlineData(null, "E47000004", "out.txt", 2)]              // not .html or .pdf
    [InlineData(null, "E08000012", "out.html", 1)]             // the sample lake has no gradient for Liverpool
    public async Task Brief_BadInputOrNoGradients_ExitsNonZeroAndWritesNothing(string? lakeFolder, string area, string file, int expected)
    {
        var output = lake.Combine(Guid.NewGuid().ToString("N") + "-" + file);

        var code = await InvokeAsync("brief", "--lake", lakeFolder is null ? lake.Lake : lake.Combine(lakeFolder), "--area", area, "--output", output);

        Assert.Equal(expected, code);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, Path.GetFileName(output) + ".tmp-*"));
    }

    [Fact]
    public async Task Brief_PdfWithAMissingBrowser_ExitsTwoAndWritesNothing()
    {
        var output = lake.Combine("lcr.pdf");

        var code = await InvokeAsync("brief", "--lake", lake.Lake, "--area", "E47000004", "--output", output, "--browser", lake.Combine("no-browser-here"));

        Assert.Equal(2, code);
        Assert.False(File.Exists(output));
    }
}
