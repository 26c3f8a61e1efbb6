using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;
using Inequalities.TestSupport.Loopback;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// A refresh over a subset of the real files, reached through file paths or through a loopback HTTP server: the
/// same tables either way, and a failing source (server errors past the retries, schema drift) leaves the previous
/// snapshot current and says which source failed and why.
/// </summary>
public sealed class RefreshFailureTests : IDisposable
{
    private static readonly string[] Subset = ["iod2019-file1", "lookup-lsoa11-lsoa21", "lookup-lad-cauth", "population-mid2020-lsoa11", "loneliness-lsoa21"];
    private static readonly FetchOptions FastRetries = new() { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    private readonly TempDirectory _temp = new();
    private readonly SourceCatalogue _shared = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml")).Only(Subset);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Refresh_OverLoopbackHttp_PublishesTheSameTablesAsFromFilePaths()
    {
        var fromFiles = await RefreshAsync(_temp.Combine("files"), _shared);
        await using var server = await LoopbackServer.StartAsync();
        var overHttp = await RefreshAsync(_temp.Combine("http"), ServeAll(server));

        Assert.True(fromFiles.Published, fromFiles.Error);
        Assert.True(overHttp.Published, overHttp.Error);
        var a = LakeSnapshot.OpenCurrent(_temp.Combine("files"));
        var b = LakeSnapshot.OpenCurrent(_temp.Combine("http"));
        Assert.Equal(a.Manifest.Sources.Select(s => s.Sha256), b.Manifest.Sources.Select(s => s.Sha256));
        Assert.All(b.Manifest.Sources, s => Assert.StartsWith("http://127.0.0.1:", s.Url, StringComparison.Ordinal));
        foreach (var name in a.TableNames)
        {
            Assert.Equal(Fingerprint(await a.ReadTableAsync(name)), Fingerprint(await b.ReadTableAsync(name)));
        }
    }

    [Fact]
    public async Task Refresh_SourceFailsPastRetriesWithNoEarlierCopy_KeepsPreviousSnapshotAndNamesTheSource()
    {
        var lake = _temp.Combine("lake");
        await using var server = await LoopbackServer.StartAsync();
        var catalogue = ServeAll(server);
        var first = await RefreshAsync(lake, catalogue.Only(Subset.Where(s => s != "loneliness-lsoa21")));
        Assert.True(first.Published, first.Error);

        server.Always("loneliness-lsoa21", LoopbackFault.Status(500));
        var second = await RefreshAsync(lake, catalogue);

        Assert.False(second.Published);
        Assert.Contains("source 'loneliness-lsoa21' failed and has no earlier copy", second.Error, StringComparison.Ordinal);
        Assert.Contains("500", second.Error, StringComparison.Ordinal);
        Assert.Equal(2, server.RequestCount("loneliness-lsoa21"));
        Assert.Equal(first.SnapshotId, new LakeLayout(lake).ReadCurrentId());
        await AssertCompleteAsync(lake, first.SnapshotId!);
    }

    [Fact]
    public async Task Refresh_SourceFailsWithAnEarlierCopy_PublishesWithTheSourceMarkedStale()
    {
        var lake = _temp.Combine("lake");
        await using var server = await LoopbackServer.StartAsync();
        var catalogue = ServeAll(server);
        Assert.True((await RefreshAsync(lake, catalogue)).Published);

        server.Always("lookup-lad-cauth", LoopbackFault.Status(503));
        var second = await RefreshAsync(lake, catalogue);

        Assert.True(second.Published, second.Error);
        var stale = LakeSnapshot.OpenCurrent(lake).Manifest.Sources.Single(s => s.Id == "lookup-lad-cauth");
        Assert.True(stale.Stale);
        Assert.Equal(SourceStatus.Failed, stale.Status);
        Assert.Contains("503", stale.Error, StringComparison.Ordinal);
        Assert.NotNull(stale.Sha256);
    }

    [Fact]
    public async Task Refresh_SchemaDrift_FailsNamingSourceAndHeaderAndKeepsPreviousSnapshot()
    {
        // The publisher renames a column: the new file downloads fine but cannot be read through the columns map.
        var error = await RefreshAfterDriftAsync(
            "lookup-lad-cauth", "LAD23CD,LAD23NM,CAUTH23CD_RENAMED,CAUTH23NM\nE08000012,Liverpool,E47000004,Liverpool City Region\n"u8.ToArray());

        Assert.Contains("schema drift", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_IndicatorSchemaDrift_FailsNamingTheSourceAfterOtherTablesWereStagedAndKeepsPreviousSnapshot()
    {
        // Indicator sources are parsed one at a time after the other tables are built and being written: a failure
        // then still names the source and publishes nothing, and the staged tables go with the staging folder.
        using var gzipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync("lsoa21_code,percent,decile\nE01000001,1,2\n"u8.ToArray()); // two columns renamed
        }

        await RefreshAfterDriftAsync("loneliness-lsoa21", gzipped.ToArray());
    }

    /// <summary>
    /// Publishes the subset, then serves <paramref name="drifted"/> for one source and refreshes again: that refresh must
    /// fail naming the source, leave the first snapshot current and complete, and leave no staging folder. Returns its error.
    /// </summary>
    private async Task<string> RefreshAfterDriftAsync(string sourceId, byte[] drifted)
    {
        var lake = _temp.Combine("lake");
        await using var server = await LoopbackServer.StartAsync();
        var catalogue = ServeAll(server);
        var first = await RefreshAsync(lake, catalogue);
        Assert.True(first.Published, first.Error);

        server.Serve(sourceId, drifted);
        var second = await RefreshAsync(lake, catalogue);

        Assert.False(second.Published);
        Assert.StartsWith($"source '{sourceId}' could not be used: source '{sourceId}': the file has no", second.Error, StringComparison.Ordinal);
        Assert.Equal(first.SnapshotId, new LakeLayout(lake).ReadCurrentId());
        Assert.Empty(Directory.EnumerateDirectories(new LakeLayout(lake).SnapshotsDirectory, ".staging-*"));
        await AssertCompleteAsync(lake, first.SnapshotId!);
        return second.Error!;
    }

    [Fact]
    public async Task Refresh_IndexDeclaredForTheWrongVintage_FailsSayingSo()
    {
        // IoD2025 is published for 2021 LSOAs; a catalogue entry claiming 2011 is caught against the ONS lookup.
        var yaml = $"""
            version: 1
            sources:
              - id: lookup
                kind: lookup
                publisher: ONS
                licence: OGL-3.0
                url: {SharedData.DataFile("lookup_lsoa11_lsoa21_ltla22_EW.csv.gz")}
                format: csv.gz
                geography: lsoa
                columns:
                  lsoa11_code: lsoa11_code
                  lsoa21_code: lsoa21_code
                  change_code: change_code
              - id: iod2025-mislabelled
                kind: deprivation
                publisher: MHCLG
                licence: OGL-3.0
                url: {SharedData.DataFile("imd2025_england_lsoa21.csv.gz")}
                format: csv.gz
                geography: lsoa
                vintage: 2011
                columns:
                  lsoa_code: lsoa21_code
                  imd.rank: IMD_rank
            """;

        var outcome = await RefreshAsync(_temp.Combine("lake"), SourceCatalogue.Parse(yaml, _temp.Path));

        Assert.False(outcome.Published);
        Assert.Matches(
            "^source 'iod2025-mislabelled' could not be used: source 'iod2025-mislabelled' column 'lsoa_code': [0-9,]+ of 33,755 LSOA codes are not 2011 LSOAs in the geography lookups \\(e\\.g\\. E01[0-9]{6}, ",
            outcome.Error);
        Assert.Contains("the catalogue says vintage 2011. Is the file for the other vintage?", outcome.Error, StringComparison.Ordinal);
        Assert.Null(new LakeLayout(_temp.Combine("lake")).ReadCurrentId());
    }

    [Fact]
    public void Conversion_NationalMid2020Population_IsConservedExactlyFrom2011To2021()
    {
        var shared = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
        var lookup = SourceParser.Lookup(shared["lookup-lsoa11-lsoa21"], shared["lookup-lsoa11-lsoa21"].Location.LocalPath);
        var mid2020 = SourceParser.Population(shared["population-mid2020-lsoa11"], shared["population-mid2020-lsoa11"].Location.LocalPath);
        var census = SourceParser.Population(shared["population-census2021-lsoa21"], shared["population-census2021-lsoa21"].Location.LocalPath);
        var bridge = VintageBridge.Build(
            lookup.Columns["lsoa11_code"].Select(c => c!).ToArray(),
            lookup.Columns["lsoa21_code"].Select(c => c!).ToArray(),
            lookup.Columns["change_code"].Select(c => c!).ToArray(),
            census.AreaCodes.Zip(census.Totals).ToDictionary(p => p.First!, p => p.Second),
            null);
        var counts = mid2020.AreaCodes.Zip(mid2020.Totals).ToDictionary(p => p.First!, p => p.Second);

        var converted = bridge.Convert(counts, ValueKind.Count);

        // Every mid-2020 LSOA is in the lookup, so nothing is lost; splits share by Census 2021 population.
        Assert.All(mid2020.AreaCodes, c => Assert.True(bridge.IsSource(c!), c));
        Assert.True(bridge.PopulationWeighted);
        var england11 = mid2020.AreaCodes.Select((c, i) => c!.StartsWith("E01", StringComparison.Ordinal) ? mid2020.Totals[i] : 0).Sum();
        var england21 = bridge.Targets.Select((c, i) => c.StartsWith("E01", StringComparison.Ordinal) ? converted[i] : 0).Sum();
        Assert.Equal(mid2020.Totals.Sum(), converted.Where(v => !double.IsNaN(v)).Sum(), 1e-6);
        Assert.Equal(england11, england21, 1e-6);
        Assert.Equal(Math.Round(england11), Math.Round(england21));
    }

    private static async Task AssertCompleteAsync(string lake, string snapshotId)
    {
        var snapshot = LakeSnapshot.OpenCurrent(lake);
        Assert.Equal(snapshotId, snapshot.Id);
        foreach (var entry in snapshot.Manifest.Tables)
        {
            Assert.Equal(entry.Rows, (await snapshot.ReadTableAsync(entry.Name)).RowCount);
        }

        var areas = await snapshot.ReadTableAsync("areas");
        Assert.Contains(Enumerable.Range(0, areas.RowCount), i => areas.Strings("cauth_code")[i] == "E47000004");
    }

    private SourceCatalogue ServeAll(LoopbackServer server)
    {
        var locations = new Dictionary<string, Uri>();
        foreach (var source in _shared.Sources)
        {
            server.ServeFile(source.Id, source.Location.LocalPath);
            locations[source.Id] = server.Url(source.Id);
        }

        return _shared.WithLocations(locations);
    }

    private static async Task<RefreshOutcome> RefreshAsync(string lake, SourceCatalogue catalogue)
    {
        using var fetcher = new SourceFetcher(FastRetries, TimeProvider.System);
        return await new RefreshRunner(new LakeLayout(lake), fetcher, TimeProvider.System).RunAsync(catalogue);
    }

    private static string Fingerprint(Table table)
    {
        var hash = new HashCode();
        foreach (var column in table.Columns)
        {
            hash.Add(column.Name);
            for (var i = 0; i < table.RowCount; i++)
            {
                hash.Add(column switch
                {
                    StringColumn s => s[i],
                    PrimitiveColumn<int> p => p[i]?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    PrimitiveColumn<double> p => p[i]?.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    _ => column.IsValid(i).ToString(),
                });
            }
        }

        return $"{table.Name}:{table.RowCount}:{hash.ToHashCode()}";
    }
}
