using System.Globalization;
using System.Text;
using Inequalities.Core.Columnar;
using Inequalities.Core.Spatial;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Refresh;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>
/// The refresh on tests/data-sources.shared.yml (the real IoD2025, lookups, Census 2021 population, modelled
/// loneliness and LCR LSOA 2021 boundaries) plus a register and a small postcode directory the test generates on the
/// real LCR LSOA codes and outlines, built in-process once for every test in the class.
/// </summary>
public sealed class SharedDataAssetNeedTests : IClassFixture<SharedDataAssetNeedTests.Lake>
{
    private static readonly string[] LcrDistricts = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];
    private readonly Lake _lake;

    public SharedDataAssetNeedTests(Lake lake) => _lake = lake;

    [Fact]
    public void Refresh_SharedDataWithGeneratedRegister_PublishesAssetNeedTables()
    {
        Assert.True(_lake.Outcome.Published, _lake.Outcome.Error);
        var names = _lake.Manifest.Tables.Select(t => t.Name).ToList();
        Assert.Contains("assets", names);
        Assert.Contains("asset_categories", names);
        Assert.Contains("asset_need", names);
        Assert.Contains("asset_need_deciles", names);
        Assert.Contains("asset_need_summary", names);
    }

    [Fact]
    public void AssetNeed_EveryLcrLsoaOnceWithNeedAndPopulation()
    {
        var t = _lake.Table("asset_need");
        var codes = Enumerable.Range(0, t.RowCount).Select(i => t.Strings("lsoa_code")[i]!).ToList();

        Assert.Equal(1003, codes.Count);
        Assert.Equal(_lake.LcrLsoas.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        for (var i = 0; i < t.RowCount; i++)
        {
            Assert.Contains(t.Strings("lad_code")[i], LcrDistricts);
            Assert.NotNull(t.Primitive<double>("need_score")[i]);
            Assert.InRange(t.Primitive<int>("need_decile")[i]!.Value, 1, 10);
            Assert.InRange(t.Primitive<double>("population")[i]!.Value, 500, 10_000);
            Assert.NotNull(t.Primitive<int>("assets_nearby")[i]);
        }

        // LCR is among the most deprived city regions: need decile 1 (national) is its largest group, over twice decile 10.
        var deciles = Enumerable.Range(0, t.RowCount).Select(i => t.Primitive<int>("need_decile")[i]!.Value).ToList();
        Assert.True(deciles.Count(d => d == 1) > 2 * deciles.Count(d => d == 10) && deciles.GroupBy(d => d).MaxBy(g => g.Count())!.Key == 1, string.Join(",", deciles.GroupBy(d => d).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}")));
    }

    [Fact]
    public void AssetNeed_Conservation_SumOfCountsEqualsActivePlacedAssetsInLcr()
    {
        var need = _lake.Table("asset_need");
        var assets = _lake.Table("assets");
        var total = Enumerable.Range(0, need.RowCount).Sum(i => need.Primitive<int>("asset_count")[i]!.Value);
        var placed = Enumerable.Range(0, assets.RowCount).Count(i => assets.Primitive<bool>("active")[i] == true && assets.Primitive<bool>("in_study_area")[i] == true);

        Assert.Equal(_lake.ExpectedActivePlaced, placed);
        Assert.Equal(placed, total);

        // Asset gap: the expected counts share out the same total.
        var expected = Enumerable.Range(0, need.RowCount).Sum(i => need.Primitive<double>("expected_assets")[i]!.Value);
        Assert.Equal(total, expected, 1e-6);
    }

    [Fact]
    public void Assets_PlacementRecordedPerRow()
    {
        var t = _lake.Table("assets");
        var placement = Enumerable.Range(0, t.RowCount).GroupBy(i => t.Strings("placement")[i]!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(_lake.ByCoordinates, placement["coordinates"]);
        Assert.Equal(_lake.ByPostcode, placement["postcode"]);
        Assert.Equal(_lake.ByLsoaCode, placement["lsoa_code"]);
        Assert.Equal(_lake.Unplaced, placement["unplaced"]);

        // Each generated coordinate row was put at an interior point of a known LSOA: it must land there.
        for (var i = 0; i < t.RowCount; i++)
        {
            var id = t.Strings("asset_id")[i]!;
            if (_lake.ExpectedLsoa.TryGetValue(id, out var lsoa))
            {
                Assert.Equal(lsoa, t.Strings("lsoa_code")[i]);
            }
        }

        var terminated = Enumerable.Range(0, t.RowCount).Where(i => t.Strings("placement_note")[i]?.StartsWith("terminated postcode", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(_lake.Terminated, terminated.Count);
        var unknown = Enumerable.Range(0, t.RowCount).Count(i => t.Strings("placement_note")[i]?.Contains("is not in the postcode directory", StringComparison.Ordinal) == true);
        Assert.Equal(_lake.UnknownPostcodes, unknown);
        Assert.Contains(Enumerable.Range(0, t.RowCount), i => t.Strings("placement_note")[i]?.Contains("fall outside the LSOA 2021 boundaries", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Manifest_RegisterNotesRejectedRowsAndUnknownPostcodes()
    {
        var register = _lake.Manifest.Sources.Single(s => s.Id == "test-register");

        Assert.Equal(2, register.RejectedRows);
        Assert.Equal(
        [
            $"source 'test-register' row {_lake.BadRows[0]}: column 'name' (header 'name'): is empty; every asset needs a name",
            $"source 'test-register' row {_lake.BadRows[1]}: column 'latitude' (header 'latitude'): 'fifty-three' is not a number",
        ],
            register.RejectedExamples);
        Assert.Contains($"{_lake.UnknownPostcodes} have a postcode not in the postcode directory (e.g. 'ZZ9 9ZZ'", register.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void AssetNeed_QuadrantsPopulatedWithConfiguredThresholds()
    {
        var t = _lake.Table("asset_need");
        var quadrants = Enumerable.Range(0, t.RowCount).GroupBy(i => t.Strings("quadrant")[i]).ToDictionary(g => g.Key ?? "null", g => g.ToList());

        Assert.Equal(["high_need_higher_assets", "high_need_low_assets", "lower_need_higher_assets", "lower_need_low_assets"], quadrants.Keys.Order(StringComparer.Ordinal));
        foreach (var i in quadrants["high_need_low_assets"])
        {
            Assert.InRange(t.Primitive<int>("need_decile")[i]!.Value, 1, 3);
        }

        var lowMax = quadrants["high_need_low_assets"].Concat(quadrants["lower_need_low_assets"]).Max(i => t.Primitive<double>("assets_per_10k")[i]!.Value);
        var highMin = quadrants["high_need_higher_assets"].Concat(quadrants["lower_need_higher_assets"]).Min(i => t.Primitive<double>("assets_per_10k")[i]!.Value);
        Assert.True(lowMax < highMin);
    }

    [Fact]
    public void Summary_SixDistrictsAndTheCombinedAuthority()
    {
        var t = _lake.Table("asset_need_summary");
        var rows = Enumerable.Range(0, t.RowCount).ToDictionary(i => (t.Strings("area_type")[i]!, t.Strings("area_code")[i]!));

        Assert.Equal(7, t.RowCount);
        Assert.All(LcrDistricts, lad => Assert.True(rows.ContainsKey(("lad", lad))));
        var ca = rows[("combined_authority", "E47000004")];
        Assert.Equal(1003, t.Primitive<int>("lsoas")[ca]);
        Assert.Equal(Enumerable.Range(0, t.RowCount).Where(i => t.Strings("area_type")[i] == "lad").Sum(i => t.Primitive<int>("high_need_low_asset_lsoas")[i]!.Value), t.Primitive<int>("high_need_low_asset_lsoas")[ca]);
        Assert.True(t.Primitive<int>("high_need_low_asset_lsoas")[ca] > 0);
        Assert.True(double.IsFinite(t.Primitive<double>("asset_gradient_sii")[ca]!.Value));
        Assert.InRange(t.Primitive<double>("asset_concentration_index")[ca]!.Value, -1, 1);

        // Census 2021: the 1,003 LCR LSOAs hold 1,551,821 usual residents (shared-data README).
        Assert.Equal(1_551_821, t.Primitive<double>("population")[ca]!.Value, 1e-6);
    }

    [Fact]
    public void Summary_GradientRecomputedFromTheDecileAndLsoaTables()
    {
        var t = _lake.Table("asset_need_summary");
        var deciles = _lake.Table("asset_need_deciles");
        var lsoas = _lake.Table("asset_need");
        for (var row = 0; row < t.RowCount; row++)
        {
            var code = t.Strings("area_code")[row]!;
            var type = t.Strings("area_type")[row]!;
            Assert.Equal("phe_sii_need_deciles", t.Strings("gradient_method")[row]);

            // Point estimate and concentration index from the decile table alone: population shares a, ridit midpoints
            // b, the WLS slope Σ a (b − Σab) y / (Σab² − (Σab)²), and C = (2/μ) Σ a y b − 1.
            var rows = Enumerable.Range(0, deciles.RowCount)
                .Where(i => deciles.Strings("area_code")[i] == code && deciles.Strings("area_type")[i] == type)
                .OrderBy(i => deciles.Primitive<int>("need_decile")[i])
                .Select(i => (Pop: deciles.Primitive<double>("population")[i]!.Value, Y: deciles.Primitive<double>("assets_per_10k")[i]!.Value))
                .ToList();
            var total = rows.Sum(r => r.Pop);
            double cumulative = 0;
            var ab = rows.Select(r =>
            {
                var a = r.Pop / total;
                var b = cumulative + (a / 2);
                cumulative += a;
                return (A: a, B: b, r.Y);
            }).ToList();
            var s1 = ab.Sum(x => x.A * x.B);
            var s2 = ab.Sum(x => x.A * x.B * x.B);
            var slope = ab.Sum(x => x.A * (x.B - s1) * x.Y) / (s2 - (s1 * s1));
            var mean = ab.Sum(x => x.A * x.Y);
            if (mean == 0)
            {
                // No organisations at all in the area (the generated register is skewed): no index.
                Assert.Null(t.Primitive<double>("asset_concentration_index")[row]);
            }
            else
            {
                var concentration = (2 / mean * ab.Sum(x => x.A * x.Y * x.B)) - 1;
                Assert.Equal(concentration, t.Primitive<double>("asset_concentration_index")[row]!.Value, 1e-9);
            }

            var sii = t.Primitive<double>("asset_gradient_sii")[row];
            var lower = t.Primitive<double>("asset_gradient_sii_lower")[row];
            var upper = t.Primitive<double>("asset_gradient_sii_upper")[row];
            if (type == "combined_authority")
            {
                Assert.NotNull(sii);
            }

            if (sii is null)
            {
                Assert.Null(lower);
                continue;
            }

            Assert.Equal(slope, sii.Value, 1e-9);
            Assert.True(lower <= sii && sii <= upper, $"{code}: {lower} ≤ {sii} ≤ {upper}");

            // The limits come from the per-LSOA spread inside each decile.
            var members = Enumerable.Range(0, lsoas.RowCount)
                .Where(i => (type == "lad" ? lsoas.Strings("lad_code")[i] : lsoas.Strings("cauth_code")[i]) == code && lsoas.Primitive<double>("population")[i] is not null)
                .ToList();
            var expected = Inequalities.Core.Need.AssetGradient.Calculate(
                members.Select(i => lsoas.Primitive<int>("need_decile")[i] ?? 0).ToArray(),
                members.Select(i => lsoas.Primitive<double>("assets_per_10k")[i]!.Value).ToArray(),
                members.Select(i => lsoas.Primitive<double>("population")[i]!.Value).ToArray());
            Assert.Equal(expected.SiiLower, lower!.Value, 1e-9);
            Assert.Equal(expected.SiiUpper, upper!.Value, 1e-9);
        }
    }

    /// <summary>Builds the lake once.</summary>
    public sealed class Lake : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public Lake()
        {
            var areas = LcrBoundaries.Lsoa2021;
            LcrLsoas = areas.Select(a => a.Code).ToList();
            WriteRegister(areas);

            var shared = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
            var extra = $"""

                  - id: test-register
                    kind: assets
                    publisher: Test
                    licence: OGL-3.0
                    url: {_dir.Combine("register.csv")}
                    format: csv
                    geography: point
                    options:
                      category: local_directory
                    columns:
                      asset_id: id
                      name: name
                      category: category
                      postcode: postcode
                      latitude: latitude
                      longitude: longitude
                      lsoa_code: lsoa
                      status: status
                  - id: test-postcodes
                    kind: postcodes
                    publisher: Test
                    licence: OGL-3.0
                    url: {_dir.Combine("postcodes.csv")}
                    format: csv
                    geography: postcode
                    columns:
                      postcode: pcds
                      terminated: doterm
                      lsoa21_code: lsoa21
                      latitude: lat
                      longitude: long
                asset_need:
                  need:
                    - index: iod2025
                      domain: imd
                      weight: 2
                    - indicator: loneliness_percent
                      source: loneliness-lsoa21
                      weight: 1
                  nearby_metres: 800
                  high_need_decile: 3
                  low_asset_quantile: 0.3
                  study_area: [E47000004]
                """;
            var catalogue = SourceCatalogue.Parse(shared + extra, Path.Combine(SharedData.RepoRoot, "tests"), "data-sources.shared.yml")
                .Only(["iod2025", "lookup-lsoa21-ward24-lad24", "lookup-lad-cauth", "lookup-lad-region", "population-census2021-lsoa21", "loneliness-lsoa21", "boundaries-lsoa21", "test-register", "test-postcodes"]);
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
            using var fetcher = new SourceFetcher(new FetchOptions(), time);
            var layout = new LakeLayout(_dir.Combine("lake"));
            Outcome = new RefreshRunner(layout, fetcher, time).RunAsync(catalogue).GetAwaiter().GetResult();
            if (Outcome.Published)
            {
                Snapshot = layout.SnapshotDirectory(Outcome.SnapshotId!);
                Manifest = SnapshotManifest.Read(Path.Combine(Snapshot, "manifest.json"));
            }
        }

        public RefreshOutcome Outcome { get; }

        public string Snapshot { get; } = string.Empty;

        public SnapshotManifest Manifest { get; } = null!;

        public List<string> LcrLsoas { get; }

        public Dictionary<string, string> ExpectedLsoa { get; } = new(StringComparer.Ordinal);

        public int ByCoordinates { get; private set; }

        public int ByPostcode { get; private set; }

        public int ByLsoaCode { get; private set; }

        public int Unplaced { get; private set; }

        public int Terminated { get; private set; }

        public int UnknownPostcodes { get; private set; }

        public int ExpectedActivePlaced { get; private set; }

        public List<long> BadRows { get; } = [];

        public Table Table(string name)
        {
            using var stream = File.OpenRead(Path.Combine(Snapshot, name + ".parquet"));
            return ParquetTableReader.ReadAsync(stream).GetAwaiter().GetResult();
        }

        public void Dispose() => _dir.Dispose();

        private void WriteRegister(IReadOnlyList<AreaPolygon> areas)
        {
            var inv = CultureInfo.InvariantCulture;
            var register = new StringBuilder("id,name,category,postcode,latitude,longitude,lsoa,status\n");
            var postcodes = new StringBuilder("pcds,doterm,lsoa21,lat,long\n");
            long row = 0;
            var random = new Random(7);
            void Add(string id, string name, string category, string postcode, string lat, string lon, string lsoa, string status)
            {
                register.Append(inv, $"{id},{name},{category},{postcode},{lat},{lon},{lsoa},{status}\n");
                row++;
            }

            // Skew the register to the first 400 LSOAs so some areas have none and the gradient is not flat.
            for (var i = 0; i < 400; i++)
            {
                var area = areas[i];
                var centre = area.Centroid();
                if (i % 3 == 0 && area.Contains(centre.Longitude, centre.Latitude))
                {
                    Add($"C{i}", $"Coordinate asset {i}", i % 2 == 0 ? "food" : "youth", string.Empty, centre.Latitude.ToString("R", inv), centre.Longitude.ToString("R", inv), string.Empty, "active");
                    ExpectedLsoa[$"C{i}"] = area.Code;
                    ByCoordinates++;
                    ExpectedActivePlaced++;
                }
                else if (i % 3 == 1)
                {
                    var pc = string.Create(inv, $"L{90 + (i / 100)} {i % 10}{(char)('A' + (i / 10 % 26))}{(char)('A' + random.Next(26))}");
                    var terminated = i % 15 == 1;
                    postcodes.Append(inv, $"{pc},{(terminated ? "202106" : string.Empty)},{area.Code},,\n");
                    Add($"P{i}", $"Postcode asset {i}", "transport", pc, string.Empty, string.Empty, string.Empty, "active");
                    ExpectedLsoa[$"P{i}"] = area.Code;
                    ByPostcode++;
                    Terminated += terminated ? 1 : 0;
                    ExpectedActivePlaced++;
                }
                else if (i % 30 == 2)
                {
                    Add($"L{i}", $"Lsoa asset {i}", string.Empty, string.Empty, string.Empty, string.Empty, area.Code, i % 60 == 2 ? "Closed" : "active");
                    ExpectedLsoa[$"L{i}"] = area.Code;
                    ByLsoaCode++;
                    ExpectedActivePlaced += i % 60 == 2 ? 0 : 1;
                }
            }

            for (var k = 0; k < 4; k++)
            {
                Add($"U{k}", $"Unknown postcode {k}", "food", k == 0 ? "ZZ9 9ZZ" : $"ZZ9 {k}ZZ", string.Empty, string.Empty, string.Empty, "active");
                UnknownPostcodes++;
                Unplaced++;
            }

            // Manchester: coordinates outside the LCR boundaries, and no postcode.
            Add("M1", "Manchester asset", "food", string.Empty, "53.4794", "-2.2453", string.Empty, "active");
            Unplaced++;

            Add("X1", string.Empty, "food", "L1 0AA", string.Empty, string.Empty, string.Empty, "active");
            BadRows.Add(row);
            Add("X2", "Bad latitude", "food", string.Empty, "fifty-three", "-2.9", string.Empty, "active");
            BadRows.Add(row);

            File.WriteAllText(_dir.Combine("register.csv"), register.ToString());
            File.WriteAllText(_dir.Combine("postcodes.csv"), postcodes.ToString());
        }
    }
}
