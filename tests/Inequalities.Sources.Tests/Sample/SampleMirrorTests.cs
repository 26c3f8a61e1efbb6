using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Sample;

public sealed partial class SampleMirrorTests
{
    private static readonly string[] LcrLads = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];

    private static SourceCatalogue Repository() => SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));

    private static SourceCatalogue Shared() => SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));

    public static TheoryData<string> Catalogues => new() { "repository", "shared" };

    private static SourceCatalogue ByName(string name) => name == "repository" ? Repository() : Shared();

    [Fact]
    public void Generate_SameSeedTwice_IsByteIdentical()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var catalogue = Repository();

        var first = SampleMirror.Generate(catalogue, a.Path);
        var second = SampleMirror.Generate(catalogue, b.Path);

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, kv => Assert.Equal(
            Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(kv.Value.LocalPath))),
            Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(second[kv.Key].LocalPath)))));
    }

    [Fact]
    public void Generate_DifferentSeed_ChangesTheData()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var catalogue = Repository().Only(["iod2019-file7"]);

        var first = SampleMirror.Generate(catalogue, a.Path, seed: 1);
        var second = SampleMirror.Generate(catalogue, b.Path, seed: 2);

        Assert.NotEqual(File.ReadAllBytes(first["iod2019-file7"].LocalPath), File.ReadAllBytes(second["iod2019-file7"].LocalPath));
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Generate_EverySource_GetsOneFileWithExactlyTheMappedHeaders(string name)
    {
        using var dir = new TempDirectory();
        var catalogue = ByName(name);

        var files = SampleMirror.Generate(catalogue, dir.Path);

        Assert.Equal(catalogue.Sources.Select(s => s.Id).Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));
        foreach (var source in catalogue.Sources)
        {
            var path = files[source.Id].LocalPath;
            Assert.True(files[source.Id].IsFile);
            Assert.StartsWith(Path.GetFullPath(dir.Path), path, StringComparison.Ordinal);
            var headers = HeaderReader.Read(source, path);
            if (source.Options.Header)
            {
                // A point's coordinates are columns of every GeoJSON point file; the others are exactly the mapped headers.
                var mapped = source.Columns.Values.ToHashSet(StringComparer.Ordinal);
                Assert.Equal(mapped.Order(StringComparer.Ordinal), headers.Where(h => h is not ("geometry.x" or "geometry.y") || mapped.Contains(h)).Order(StringComparer.Ordinal));
            }
            else
            {
                // A file without a header row (OS Code-Point Open) has every column in its place; the mapped ones hold the values.
                Assert.Superset(source.Columns.Values.ToHashSet(StringComparer.Ordinal), headers.ToHashSet(StringComparer.Ordinal));
            }

            Assert.NotEmpty(HeaderReader.ReadRows(source, path));
        }
    }

    [Fact]
    public void Generate_Formats_OpenAsDeclared()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();

        var files = SampleMirror.Generate(catalogue, dir.Path);

        var gz = Shared().Sources.First(s => s.Format == SourceFormat.CsvGz);
        var gzFile = SampleMirror.Generate(Shared().Only([gz.Id]), dir.Combine("gz"))[gz.Id].LocalPath;
        using (var stream = new GZipStream(File.OpenRead(gzFile), CompressionMode.Decompress))
        {
            Assert.True(stream.ReadByte() >= 0);
        }

        var zipSource = catalogue["onspd"];
        using (var zip = ZipFile.OpenRead(files["onspd"].LocalPath))
        {
            var entry = Assert.Single(zip.Entries);
            Assert.Equal(zipSource.Member, entry.FullName);
            Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).Year, entry.LastWriteTime.Year);
        }

        var xlsx = catalogue["iod2019-file2"];
        using (var stream = File.OpenRead(files[xlsx.Id].LocalPath))
        {
            var rows = HeaderReader.XlsxRows(stream, "IoD2019 Domains");
            Assert.Equal(49, rows.Count);
        }

        var bom = File.ReadAllBytes(files["lookup-lad-region"].LocalPath);
        Assert.Equal([0xEF, 0xBB, 0xBF], bom[..3]);
        Assert.NotEqual(0xEF, File.ReadAllBytes(files["iod2019-file7"].LocalPath)[0]);
    }

    [Fact]
    public void Generate_XlsxWithHeaderRow_PutsHeaderOnThatRow()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();
        var source = catalogue["population-mid2020-lsoa11"];

        var path = SampleMirror.Generate(catalogue.Only([source.Id]), dir.Path)[source.Id].LocalPath;

        using var stream = File.OpenRead(path);
        var rows = HeaderReader.XlsxRows(stream, source.Sheet!);
        Assert.Equal(5, source.Options.HeaderRow);
        Assert.Contains("LSOA Code", rows[4]);
        Assert.DoesNotContain("LSOA Code", rows[0]);
    }

    [Theory]
    [MemberData(nameof(Catalogues))]
    public void Generate_DeprivationSources_RanksArePermutationsAndDecilesFollowRanks(string name)
    {
        using var dir = new TempDirectory();
        var catalogue = ByName(name);
        var files = SampleMirror.Generate(catalogue, dir.Path);

        foreach (var source in catalogue.Sources.Where(s => s.Kind == SourceKind.Deprivation))
        {
            var rows = HeaderReader.ReadRows(source, files[source.Id].LocalPath);
            foreach (var (canonical, header) in source.Columns.Where(c => c.Key.EndsWith(".rank", StringComparison.Ordinal)))
            {
                var ranks = rows.Select(r => Number(r[header])).ToList();
                Assert.Equal(Enumerable.Range(1, rows.Count), ranks.Order());
                var domain = canonical[..^5];
                if (source.Column(domain + ".decile") is { } decileHeader)
                {
                    Assert.All(rows, r =>
                    {
                        var decile = Number(r[decileHeader]);
                        Assert.InRange(decile, 1, 10);
                        Assert.Equal((int)Math.Ceiling(Number(r[header]) * 10.0 / rows.Count), decile);
                    });
                }

                if (source.Column(domain + ".score") is { } scoreHeader)
                {
                    // Rank 1 is the most deprived: scores fall as ranks rise.
                    var byRank = rows.OrderBy(r => Number(r[header])).Select(r => double.Parse(r[scoreHeader], CultureInfo.InvariantCulture)).ToList();
                    Assert.Equal(byRank.OrderDescending(), byRank);
                }
            }
        }
    }

    [Fact]
    public void Generate_RepositoryCatalogue_EveryGssCodeIsValid()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();
        var files = SampleMirror.Generate(catalogue, dir.Path);
        var checkedCodes = 0;

        foreach (var source in catalogue.Sources)
        {
            var codeHeaders = source.Columns
                .Where(c => c.Key is "lsoa_code" or "area_code" or "lad_code" or "parent_code" or "lsoa11_code" or "lsoa21_code" or "msoa11_code" or "msoa21_code" ||
                            (source.Kind == SourceKind.Lookup && c.Key.EndsWith("_code", StringComparison.Ordinal) && c.Key != "change_code"))
                .Select(c => c.Value)
                .ToList();
            foreach (var row in HeaderReader.ReadRows(source, files[source.Id].LocalPath))
            {
                foreach (var header in codeHeaders.Where(h => row[h].Length > 0))
                {
                    Assert.Matches(GssCode(), row[header]);
                    checkedCodes++;
                }
            }
        }

        Assert.True(checkedCodes > 1000, $"only {checkedCodes} codes checked");
    }

    [Fact]
    public void Generate_LsoaLookup_CoversEveryChangeAndKeepsPopulationsConsistent()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();
        var files = SampleMirror.Generate(catalogue, dir.Path);
        var lookup = catalogue["lookup-lsoa11-lsoa21"];

        var rows = HeaderReader.ReadRows(lookup, files[lookup.Id].LocalPath);

        Assert.Equal(["M", "S", "U", "X"], rows.Select(r => r["CHGIND"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(LcrLads, rows.Select(r => r["LAD22CD"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => r["CHGIND"] == "U"), r => Assert.Equal(r["LSOA11CD"], r["LSOA21CD"]));

        var pop2011 = catalogue["iod2019-file7"];
        var pop2021Source = catalogue["population-sape-lsoa21"];
        var total2011 = HeaderReader.ReadRows(pop2011, files[pop2011.Id].LocalPath).Sum(r => Number(r[pop2011.Column("population.total")!]));
        var rows2021 = HeaderReader.ReadRows(pop2021Source, files[pop2021Source.Id].LocalPath);
        var total2021 = rows2021.Sum(r => Number(r[pop2021Source.Column("population.total")!]));
        Assert.Equal(total2011, total2021);
        Assert.Equal(rows.Select(r => r["LSOA21CD"]).Distinct().Count(), rows2021.Count);
    }

    [Fact]
    public void Generate_PostcodesAndAssets_FallInsideTheSyntheticLsoaPolygons()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();
        var files = SampleMirror.Generate(catalogue, dir.Path);
        var boundaries = catalogue["boundaries-lsoa21"];
        var boxes = BoundingBoxes(files[boundaries.Id].LocalPath, boundaries.Column("area_code")!);

        var onspd = catalogue["onspd"];
        var postcodes = HeaderReader.ReadRows(onspd, files[onspd.Id].LocalPath);
        var lsoa21 = onspd.Column("lsoa21_code")!;
        Assert.Contains(postcodes, p => p["doterm"].Length > 0);
        Assert.Contains(postcodes, p => p["doterm"].Length == 0);
        Assert.All(postcodes, p => Assert.True(
            Inside(boxes[p[lsoa21]], double.Parse(p["long"], CultureInfo.InvariantCulture), double.Parse(p["lat"], CultureInfo.InvariantCulture)),
            $"{p["pcds"]} lies outside {p[lsoa21]}"));

        var local = catalogue["lcr-local-directory"];
        var assets = HeaderReader.ReadRows(local, files[local.Id].LocalPath);
        Assert.Contains(assets, a => a["postcode"].Length > 0 && a["latitude"].Length == 0);
        Assert.Contains(assets, a => a["postcode"].Length == 0 && a["latitude"].Length > 0);
        Assert.All(assets.Where(a => a["latitude"].Length > 0), a =>
        {
            var lon = double.Parse(a["longitude"], CultureInfo.InvariantCulture);
            var lat = double.Parse(a["latitude"], CultureInfo.InvariantCulture);
            Assert.Single(boxes.Values, b => Inside(b, lon, lat));
        });
        var livePostcodes = postcodes.Where(p => p["doterm"].Length == 0).Select(p => p["pcds"]).ToHashSet();
        Assert.All(assets.Where(a => a["postcode"].Length > 0), a => Assert.Contains(a["postcode"], livePostcodes));
    }

    [Fact]
    public void Generate_CompaniesHouseFilter_HasMatchingAndNonMatchingRows()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();
        var source = catalogue["companies-house-cic"];

        var rows = HeaderReader.ReadRows(source, SampleMirror.Generate(catalogue.Only([source.Id]), dir.Path)[source.Id].LocalPath);

        var types = rows.Select(r => r["CompanyCategory"]).ToList();
        Assert.Contains("Community Interest Company", types);
        Assert.Contains(types, t => t != "Community Interest Company");
    }

    [Fact]
    public void Generate_Fingertips_HasEveryLevelWithOrderedConfidenceIntervals()
    {
        using var dir = new TempDirectory();
        var catalogue = Repository();
        var source = catalogue["fingertips-life-expectancy-msoa"];

        var rows = HeaderReader.ReadRows(source, SampleMirror.Generate(catalogue.Only([source.Id]), dir.Path)[source.Id].LocalPath);

        Assert.Equal(["Combined authorities", "Districts & UAs (from Apr 2023)", "England", "MSOA", "Regions (statistical)"],
            rows.Select(r => r["Area Type"]).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows, r =>
        {
            Assert.Equal("93283", r["Indicator ID"]);
            var value = double.Parse(r["Value"], CultureInfo.InvariantCulture);
            var lo95 = double.Parse(r["Lower CI 95.0 limit"], CultureInfo.InvariantCulture);
            var hi95 = double.Parse(r["Upper CI 95.0 limit"], CultureInfo.InvariantCulture);
            var lo998 = double.Parse(r["Lower CI 99.8 limit"], CultureInfo.InvariantCulture);
            var hi998 = double.Parse(r["Upper CI 99.8 limit"], CultureInfo.InvariantCulture);
            Assert.True(lo998 <= lo95 && lo95 <= value && value <= hi95 && hi95 <= hi998, $"CIs out of order in {r["Area Code"]}");
        });
    }

    [Fact]
    public void Generate_ThousandsSeparatorOption_FormatsLargeRanks()
    {
        using var dir = new TempDirectory();
        var catalogue = Shared();
        var source = catalogue["iod2019-file6"];

        var path = SampleMirror.Generate(catalogue.Only([source.Id]), dir.Path)[source.Id].LocalPath;

        var rows = HeaderReader.ReadRows(source, path);
        Assert.Contains(rows, r => r["Total population: mid 2015 (excluding prisoners)"].Contains(',', StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_NullCatalogue_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SampleMirror.Generate(null!, "x"));
    }

    private static int Number(string text) => int.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static bool Inside((double W, double S, double E, double N) box, double lon, double lat) =>
        lon > box.W && lon < box.E && lat > box.S && lat < box.N;

    private static Dictionary<string, (double W, double S, double E, double N)> BoundingBoxes(string path, string codeProperty)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new Dictionary<string, (double, double, double, double)>(StringComparer.Ordinal);
        foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var ring = f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
            result[f.GetProperty("properties").GetProperty(codeProperty).GetString()!] = (ring.Min(p => p.X), ring.Min(p => p.Y), ring.Max(p => p.X), ring.Max(p => p.Y));
        }

        return result;
    }

    [GeneratedRegex("^[EWSKN][0-9]{8}$")]
    private static partial Regex GssCode();
}
