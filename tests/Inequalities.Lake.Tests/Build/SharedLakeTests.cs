using System.Globalization;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Fetch;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// The lake built from the real published files, checked against figures recomputed from those files and against
/// counts the publishers state (32,844 LSOAs in 2011, 33,755 in 2021, 989 and 1,003 in LCR, 967 U / 33 S / 6 M).
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeTests(SharedLakeFixture lake)
{
    private static readonly string[] Lcr = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];

    [Fact]
    public void Manifest_RecordsEverySourceWithProvenance()
    {
        var manifest = lake.Snapshot.Manifest;

        Assert.Equal(lake.Catalogue.Enabled.Count(), manifest.Sources.Count);
        Assert.All(manifest.Sources, s =>
        {
            Assert.Equal(SourceStatus.Fetched, s.Status);
            Assert.Matches("^[0-9a-f]{64}$", s.Sha256);
            Assert.True(s.Bytes > 0);
            Assert.False(string.IsNullOrEmpty(s.Licence));
        });
        Assert.Equal(32_844, manifest.Sources.Single(s => s.Id == "iod2019-file1").Rows);
        Assert.Equal(["areas", "deprivation", "indicators", "lsoa_indicators"], manifest.Tables.Select(t => t.Name).Take(4));
    }

    [Fact]
    public async Task Areas_HoldEveryEnglishLsoaOfBothVintagesWithLcrMembership()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var code = areas.Strings("lsoa_code");
        var vintage = areas.Primitive<int>("lsoa_vintage");
        var lad = areas.Strings("lad_code");
        var cauth = areas.Strings("cauth_code");

        var byVintage = Enumerable.Range(0, areas.RowCount).GroupBy(i => vintage[i]!.Value).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(32_844, byVintage[2011].Count);
        Assert.Equal(33_755, byVintage[2021].Count);
        Assert.Equal(32_844, byVintage[2011].Select(i => code[i]).Distinct().Count());

        var lcr2011 = byVintage[2011].Where(i => Lcr.Contains(lad[i])).ToList();
        var lcr2021 = byVintage[2021].Where(i => Lcr.Contains(lad[i])).ToList();
        Assert.Equal(989, lcr2011.Count);
        Assert.Equal(1_003, lcr2021.Count);

        // Combined-authority membership comes from the LAD to CA lookup: exactly the six LCR districts are E47000004.
        var inCa = Enumerable.Range(0, areas.RowCount).Where(i => cauth[i] == "E47000004").Select(i => lad[i]).Distinct().Order();
        Assert.Equal(Lcr, inCa);
        Assert.All(lcr2021, i => Assert.Equal("E12000002", areas.Strings("region_code")[i]));
    }

    [Fact]
    public async Task Areas_LcrMid2020Population_EqualsTheSumOfTheRawFile()
    {
        var areas = await lake.Snapshot.ReadTableAsync("areas");
        var source = lake.Catalogue["population-mid2020-lsoa11"];
        var raw = SourceParser.Population(source, source.Location.LocalPath);
        var lookup = SourceParser.Lookup(lake.Catalogue["lookup-lsoa11-lsoa21"], lake.Catalogue["lookup-lsoa11-lsoa21"].Location.LocalPath);
        var lcrCodes = Enumerable.Range(0, lookup.Rows).Where(i => Lcr.Contains(lookup.Columns["lad22_code"][i])).Select(i => lookup.Columns["lsoa11_code"][i]!).ToHashSet();
        var expected = raw.AreaCodes.Select((c, i) => lcrCodes.Contains(c!) ? raw.Totals[i] : 0).Sum();

        var actual = Enumerable.Range(0, areas.RowCount)
            .Where(i => areas.Primitive<int>("lsoa_vintage")[i] == 2011 && Lcr.Contains(areas.Strings("lad_code")[i]))
            .Sum(i => areas.Primitive<double>("population")[i]!.Value);

        Assert.Equal(expected, actual);
        Assert.Equal(1_564_015, actual); // the data README's check value
        Assert.All(Enumerable.Range(0, areas.RowCount).Where(i => areas.Primitive<int>("lsoa_vintage")[i] == 2011), i => Assert.Equal(2020, areas.Primitive<int>("population_year")[i]));
    }

    [Fact]
    public async Task Deprivation_Iod2019Imd_RanksRunOneToNWithDecilesOneToTen()
    {
        var dep = await lake.Snapshot.ReadTableAsync("deprivation");
        var rows = Enumerable.Range(0, dep.RowCount).Where(i => dep.Strings("index_id")[i] == "iod2019" && dep.Strings("domain")[i] == "imd").ToList();
        var ranks = rows.Select(i => dep.Primitive<int>("rank")[i]!.Value).ToList();
        var deciles = rows.Select(i => dep.Primitive<int>("decile")[i]!.Value).Distinct().Order();

        Assert.Equal(32_844, rows.Count);
        Assert.Equal(1, ranks.Min());
        Assert.Equal(32_844, ranks.Max());
        Assert.Equal(Enumerable.Range(1, 10), deciles);
        Assert.All(rows, i => Assert.Equal(2011, dep.Primitive<int>("lsoa_vintage")[i]));

        var domains = Enumerable.Range(0, dep.RowCount).Where(i => dep.Strings("index_id")[i] == "iod2019").Select(i => dep.Strings("domain")[i]).Distinct().Order();
        Assert.Equal(["barriers", "crime", "education", "employment", "health", "imd", "income", "living_environment"], domains);
    }

    [Fact]
    public async Task Deprivation_Iod2025_Has33755LsoasWithScores()
    {
        var dep = await lake.Snapshot.ReadTableAsync("deprivation");
        var rows = Enumerable.Range(0, dep.RowCount).Where(i => dep.Strings("index_id")[i] == "iod2025" && dep.Strings("domain")[i] == "imd").ToList();

        Assert.Equal(33_755, rows.Count);
        Assert.All(rows, i => Assert.True(dep.Primitive<double>("score")[i] > 0));
        Assert.Equal(289, rows.Count(i => dep.Primitive<int>("decile")[i] == 1 && LcrLsoas2021.Value.Contains(dep.Strings("lsoa_code")[i]!)));
    }

    [Fact]
    public async Task LsoaIndicators_ValuesMovedToTheOtherVintage_RecordTheirMethod()
    {
        var li = await lake.Snapshot.ReadTableAsync("lsoa_indicators");
        var method = li.Strings("method");
        var methods = Enumerable.Range(0, li.RowCount).Select(i => method[i]).Distinct().Order().ToList();

        Assert.Contains("direct", methods);
        Assert.Contains("split", methods);
        Assert.Contains("merged", methods);

        // The IoD2019 years of potential life lost, published for 2011 LSOAs, reach every 2021 LSOA in England.
        var yppl2021 = Enumerable.Range(0, li.RowCount).Count(i => li.Strings("indicator_id")[i] == "years_of_potential_life_lost" && li.Primitive<int>("lsoa_vintage")[i] == 2021);
        Assert.Equal(33_755, yppl2021);

        // Loneliness is published for 2021 LSOAs: its direct rows keep the published value (E01006412: 26.6186...).
        var row = Enumerable.Range(0, li.RowCount).Single(i => li.Strings("indicator_id")[i] == "loneliness_percent" && li.Strings("lsoa_code")[i] == "E01006412" && li.Primitive<int>("lsoa_vintage")[i] == 2021);
        Assert.Equal(26.618681104506805, li.Primitive<double>("value")[row]!.Value, 12);
        Assert.Equal("direct", method[row]);
        Assert.Null(li.Strings("inherited_from")[row]);
    }

    [Fact]
    public async Task Tables_ReadBackWithDuckDb_MatchOurReader()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        foreach (var entry in lake.Snapshot.Manifest.Tables)
        {
            var table = await lake.Snapshot.ReadTableAsync(entry.Name);
            var path = Path.Combine(lake.Snapshot.Directory, entry.Path);
            using var command = connection.CreateCommand();
            command.CommandText = Directory.Exists(path)
                ? $"SELECT count(*) FROM read_parquet('{Path.Combine(path, "**", "*.parquet")}', hive_partitioning = true)"
                : $"SELECT count(*) FROM read_parquet('{path}')";
            Assert.Equal((long)table.RowCount, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
            Assert.Equal(entry.Rows, table.RowCount);
        }

        using var check = connection.CreateCommand();
        check.CommandText = $"""
            SELECT sum(population), count(DISTINCT lad_code)
            FROM read_parquet('{Path.Combine(lake.Snapshot.Directory, "areas.parquet")}')
            WHERE lsoa_vintage = 2011 AND cauth_code = 'E47000004'
            """;
        using var reader = check.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1_564_015d, reader.GetDouble(0));
        Assert.Equal(6L, reader.GetInt64(1));
    }

    private static readonly Lazy<HashSet<string>> LcrLsoas2021 = new(() =>
    {
        var path = SharedData.DataFile("boundaries_lsoa21_LCR.geojson");
        var text = File.ReadAllText(path);
        return System.Text.RegularExpressions.Regex.Matches(text, "\"lsoa21_code\":\\s*\"(E01[0-9]{6})\"").Select(m => m.Groups[1].Value).ToHashSet();
    });
}
