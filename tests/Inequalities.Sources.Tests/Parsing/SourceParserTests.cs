using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.Sources.Sample;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

public sealed class SourceParserTests : IDisposable
{
    private static readonly SourceKind[] Parsed = [SourceKind.Deprivation, SourceKind.Lookup, SourceKind.Population, SourceKind.Indicator, SourceKind.Fingertips];
    private static readonly string[] Lcr = ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"];
    private static readonly Lazy<SourceCatalogue> Shared = new(() => SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml")));

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Parse_EverySampleMirrorFileOfTheRealCatalogue_Succeeds()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "data-sources.yml"));
        var files = SampleMirror.Generate(catalogue, _temp.Path);

        var parsed = 0;
        foreach (var source in catalogue.Sources.Where(s => Parsed.Contains(s.Kind)))
        {
            var path = files[source.Id].LocalPath;
            var rows = source.Kind switch
            {
                SourceKind.Deprivation => SourceParser.Deprivation(source, path).LsoaCodes.Length,
                SourceKind.Lookup => SourceParser.Lookup(source, path).Rows,
                SourceKind.Population => SourceParser.Population(source, path).AreaCodes.Length,
                _ => SourceParser.Indicators(source, path).Rows,
            };
            Assert.True(rows > 0, $"{source.Id} parsed no rows");
            parsed++;
        }

        Assert.True(parsed >= 15, $"only {parsed} sources parsed");
    }

    [Fact]
    public void Lookup_RealLsoa11To21_HasPublishedLcrChangeCounts()
    {
        var source = Shared.Value["lookup-lsoa11-lsoa21"];
        var lookup = SourceParser.Lookup(source, source.Location.LocalPath);

        var lad = lookup.Columns["lad22_code"];
        var change = lookup.Columns["change_code"];
        var counts = Enumerable.Range(0, lookup.Rows).Where(i => Lcr.Contains(lad[i])).GroupBy(i => change[i]).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(35_795, lookup.Rows);
        Assert.Equal(967, counts["U"]);
        Assert.Equal(33, counts["S"]);
        Assert.Equal(6, counts["M"]);
        Assert.False(counts.ContainsKey("X"));
    }

    [Fact]
    public void Lookup_RealLsoa11To21_DictionariesHoldDistinctStringsAndIdsMatchWhereTheStringsDo()
    {
        var source = Shared.Value["lookup-lsoa11-lsoa21"];
        var lookup = SourceParser.Lookup(source, source.Location.LocalPath);

        foreach (var (field, column) in lookup.Columns)
        {
            var values = Enumerable.Range(0, column.Dictionary.Count).Select(i => column.Dictionary[i]).ToList();
            Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(lookup.Rows, column.Length);
        }

        // The 2011 and 2021 codes share one dictionary, so an unchanged LSOA has one id in both columns.
        var (codes11, codes21) = (lookup.Columns["lsoa11_code"], lookup.Columns["lsoa21_code"]);
        Assert.Same(codes11.Dictionary, codes21.Dictionary);
        var same = 0;
        for (var i = 0; i < lookup.Rows; i++)
        {
            Assert.Equal(string.Equals(codes11[i], codes21[i], StringComparison.Ordinal), codes11.Ids[i] == codes21.Ids[i]);
            same += codes11.Ids[i] == codes21.Ids[i] ? 1 : 0;
        }

        Assert.Equal(lookup.Columns["change_code"].Count(c => c == "U"), same);
    }

    [Fact]
    public void Population_RealMid2020_MatchesTheDataReadmeChecks()
    {
        var population = Load("population-mid2020-lsoa11");
        var lookup = SourceParser.Lookup(Shared.Value["lookup-lsoa11-lsoa21"], Shared.Value["lookup-lsoa11-lsoa21"].Location.LocalPath);
        var ladOf = new Dictionary<string, string>();
        for (var i = 0; i < lookup.Rows; i++)
        {
            ladOf.TryAdd(lookup.Columns["lsoa11_code"][i]!, lookup.Columns["lad22_code"][i]!);
        }

        var byLad = population.AreaCodes.Select((c, i) => (Lad: ladOf.GetValueOrDefault(c!), Pop: population.Totals[i]))
            .GroupBy(x => x.Lad).ToDictionary(g => g.Key ?? "?", g => g.Sum(x => x.Pop));

        Assert.Equal(34_753, population.AreaCodes.Length);
        Assert.Equal(500_474, byLad["E08000012"]);
        Assert.Equal(1_564_015, Lcr.Sum(l => byLad[l]));
        Assert.Equal(91, population.AgeBands.Length);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(population.Totals[i], population.ByAge.Sum(b => b[i]), 6);
        }
    }

    [Fact]
    public void Population_RealCensus2021Long_SumsAgeBandsPerLsoa()
    {
        var population = Load("population-census2021-lsoa21");

        Assert.Equal(35_672, population.AreaCodes.Length);
        Assert.Equal(6, population.AgeBands.Length);
        Assert.Equal(59_597_114, population.Totals.Sum(), 3);
    }

    [Fact]
    public void Indicators_RealHealthIndexLong_HasPublishedLiverpoolLifeExpectancy()
    {
        var data = SourceParser.Indicators(Shared.Value["ons-health-index-indicators"], Shared.Value["ons-health-index-indicators"].Location.LocalPath);

        var row = Enumerable.Range(0, data.Rows).Single(i => data.AreaCode[i] == "E08000012" && data.Period[i] == "2021" && data.IndicatorId[i] == "life_expectancy");

        Assert.Equal(120_344, data.Rows);
        Assert.Equal(77.99, data.Value[row], 6);
        Assert.Equal("lad", data.AreaType[row]);
    }

    [Fact]
    public void Indicators_RealFingertipsExtract_ReadsTheFullColumnSet()
    {
        var data = SourceParser.Indicators(Shared.Value["fingertips-trimethoprim"], Shared.Value["fingertips-trimethoprim"].Location.LocalPath);

        Assert.Equal(38, data.Rows);
        Assert.All(data.IndicatorId, id => Assert.Equal("92519", id));
        Assert.All(data.AreaType, t => Assert.Equal("country", t));
        var first = data.Period.IndexOf(data.Period.First(p => p!.StartsWith("2015", StringComparison.Ordinal)));
        Assert.Equal(34, data.Value[first], 6);
        Assert.Equal(60_367, data.Count[first]);
        Assert.Equal(179_674, data.Denominator[first]);
    }

    [Fact]
    public void Deprivation_RealIod2025_HasScoresRanksAndDecilesForEveryDomain()
    {
        var data = SourceParser.Deprivation(Shared.Value["iod2025"], Shared.Value["iod2025"].Location.LocalPath);

        Assert.Equal(33_755, data.LsoaCodes.Length);
        Assert.Equal(8, data.Domains.Count);
        var imd = data.Domains.Single(d => d.Domain == "imd");
        Assert.Equal(1, imd.Ranks!.Min());
        Assert.Equal(33_755, imd.Ranks!.Max());
        Assert.Equal(Enumerable.Range(1, 10), imd.Deciles!.Distinct().Order());
        Assert.DoesNotContain(imd.Scores!, double.IsNaN);
    }

    [Fact]
    public void Deprivation_DuplicateLsoa_NamesBothRows()
    {
        var path = _temp.Combine("dup.csv");
        File.WriteAllText(path, "lsoa21_code,IMD_rank\nE01000001,1\nE01000002,2\nE01000001,3\n");
        var source = SourceCatalogue.Parse("""
            version: 1
            sources:
              - id: dup
                kind: deprivation
                publisher: t
                licence: t
                url: dup.csv
                format: csv
                geography: lsoa
                vintage: 2021
                columns:
                  lsoa_code: lsoa21_code
                  imd.rank: IMD_rank
            """, _temp.Path).Sources[0];

        var ex = Assert.Throws<SourceDataException>(() => SourceParser.Deprivation(source, path));

        Assert.Equal("source 'dup' row 3 column 'lsoa_code' (header 'lsoa21_code'): 'E01000001' appears again (first at row 1); each LSOA must appear once", ex.Message);
    }

    private static PopulationData Load(string id) => SourceParser.Population(Shared.Value[id], Shared.Value[id].Location.LocalPath);
}
