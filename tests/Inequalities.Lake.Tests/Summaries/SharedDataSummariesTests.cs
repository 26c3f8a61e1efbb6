using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Tests.Summaries;

/// <summary>
/// <c>lad_deprivation_summaries</c> built from the real shared files: IoD2019 (Files 1, 2, 6) checked by naive passes over
/// the raw files, IoD2025 checked against the published File 10.
/// </summary>
public sealed class SharedDataSummariesTests(SharedSummariesFixture f) : IClassFixture<SharedSummariesFixture>
{
    private const string Knowsley = "E08000011";
    private const string Liverpool = "E08000012";

    private static readonly string[] IoDDomains = ["barriers", "crime", "education", "employment", "health", "imd", "income", "living_environment"];

    /// <summary>The File 10 column prefix of each domain.</summary>
    private static readonly Dictionary<string, string> File10Prefix = new()
    {
        ["imd"] = "imd",
        ["income"] = "income",
        ["employment"] = "employment",
        ["education"] = "education_skills_and_training",
        ["health"] = "health_deprivation_and_disability",
        ["crime"] = "crime",
        ["barriers"] = "barriers_to_housing_and_services",
        ["living_environment"] = "living_environment",
    };

    private static readonly Lazy<Dictionary<(string Area, string Indicator), double>> File10 = new(() =>
    {
        var catalogue = Sources.Catalogue.SourceCatalogue.Load(Path.Combine(TestSupport.SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
        var source = catalogue["iod2025-file10-lad"];
        var data = SourceParser.Indicators(source, source.Location.LocalPath);
        return Enumerable.Range(0, data.Rows).ToDictionary(i => (data.AreaCode[i]!, data.IndicatorId[i]!), i => data.Value[i]);
    });

    [Fact]
    public void Build_Table_HasTheContractColumnsThenCountsAndPopulationSource()
    {
        Assert.Equal("lad_deprivation_summaries", f.Table.Name);
        Assert.Equal(
            ["index_id", "domain", "lad_code", "lad_name", "average_rank", "rank_of_average_rank", "average_score", "rank_of_average_score",
             "proportion_most_deprived_10pc", "rank_of_proportion_most_deprived_10pc", "extent", "rank_of_extent", "local_concentration",
             "rank_of_local_concentration", "lsoa_count", "population", "population_source"],
            f.Table.Schema.Select(c => c.Name));
        Assert.Equal(["iod2019-file1", "iod2019-file2", "iod2019-file6", "iod2025", "lookup-lsoa21-ward24-lad24", "population-census2021-lsoa21"], f.Sources);
    }

    [Fact]
    public void Build_IoD2019_Gives317DistrictsWithTheFilesOwnLad19CodesForEveryDomain()
    {
        var raw = SharedSummariesFixture.RawCsv("File_2_-_IoD2019_Domains_of_Deprivation.csv.gz");
        var lads = raw.Select(r => r["Local Authority District code (2019)"]).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(IoDDomains, f.Rows.Where(r => r.IndexId == "iod2019").Select(r => r.Domain).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(317, lads.Count);
        foreach (var domain in IoDDomains)
        {
            var rows = f.Of("iod2019", domain).ToList();
            Assert.Equal(lads, rows.Select(r => r.LadCode));
            Assert.Equal(32_844, rows.Sum(r => r.Lsoas));
            Assert.All(rows, r => Assert.NotNull(r.LadName));
        }

        Assert.Equal("Knowsley", f.Get("iod2019", "imd", Knowsley).LadName);
    }

    [Fact]
    public void Build_EveryIndexDomainAndMeasure_RanksAreOneForTheMostDeprivedAndTiesShareTheLowerRank()
    {
        foreach (var group in f.Rows.GroupBy(r => (r.IndexId, r.Domain)))
        {
            var rows = group.ToList();
            var what = $"{group.Key.IndexId}/{group.Key.Domain}";
            CheckRanks(rows.Select(r => (r.AverageRank, r.RankOfAverageRank)).ToList(), what + " average rank");
            CheckRanks(rows.Select(r => (r.AverageScore, r.RankOfAverageScore)).ToList(), what + " average score");
            CheckRanks(rows.Select(r => (r.Proportion, r.RankOfProportion)).ToList(), what + " proportion");
            CheckRanks(rows.Select(r => (r.Extent, r.RankOfExtent)).ToList(), what + " extent");
            CheckRanks(rows.Select(r => (r.LocalConcentration, r.RankOfLocalConcentration)).ToList(), what + " local concentration");
        }

        // IoD2019 has population for every district, so each population measure ranks all 317 (no ties at the top).
        var imd = f.Of("iod2019", "imd").ToList();
        Assert.Equal(Enumerable.Range(1, 317), imd.Select(r => r.RankOfAverageRank!.Value).Order());

        // Proportions tie, e.g. every district with no LSOA in decile 1 shares one rank.
        var zero = imd.Where(r => r.Proportion == 0).ToList();
        Assert.True(zero.Count > 1);
        Assert.Single(zero.Select(r => r.RankOfProportion).Distinct());
        Assert.Equal(317 - zero.Count + 1, zero[0].RankOfProportion);
    }

    [Theory]
    [InlineData(Knowsley, "imd")]
    [InlineData(Liverpool, "imd")]
    [InlineData(Knowsley, "employment")]
    [InlineData("E06000006", "income")]
    public void Build_IoD2019LcrDistricts_MatchANaivePassOverTheRawFiles(string lad, string domain)
    {
        var (rankColumn, decileColumn, populationColumn) = domain switch
        {
            "imd" => ("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)", "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)", "Total population: mid 2015 (excluding prisoners)"),
            "income" => ("Income Rank (where 1 is most deprived)", "Income Decile (where 1 is most deprived 10% of LSOAs)", "Total population: mid 2015 (excluding prisoners)"),
            _ => ("Employment Rank (where 1 is most deprived)", "Employment Decile (where 1 is most deprived 10% of LSOAs)", "Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)"),
        };
        var file2 = SharedSummariesFixture.RawCsv("File_2_-_IoD2019_Domains_of_Deprivation.csv.gz");
        var population = SharedSummariesFixture.RawCsv("File_6_-_IoD2019_Population_Denominators.csv.gz")
            .ToDictionary(r => r["LSOA code (2011)"], r => SharedSummariesFixture.Number(r[populationColumn]));
        var n = file2.Count;
        var lsoas = file2
            .Where(r => r["Local Authority District code (2019)"] == lad)
            .Select(r => (Rank: (int)SharedSummariesFixture.Number(r[rankColumn]), Decile: (int)SharedSummariesFixture.Number(r[decileColumn]), Pop: population[r["LSOA code (2011)"]]))
            .OrderBy(x => x.Rank)
            .ToList();
        var people = lsoas.Sum(x => x.Pop);
        var proportion = (double)lsoas.Count(x => x.Decile == 1) / lsoas.Count;
        var averageRank = lsoas.Sum(x => x.Pop * (n + 1 - x.Rank)) / people;
        var extent = lsoas.Sum(x => x.Pop * Math.Clamp((31 - Math.Ceiling(100.0 * x.Rank / n)) / 21, 0, 1)) / people;
        double left = people / 10, concentration = 0;
        foreach (var x in lsoas.TakeWhile(_ => left > 0))
        {
            var take = Math.Min(x.Pop, left);
            concentration += take * (n + 1 - x.Rank);
            left -= take;
        }

        concentration /= people / 10;

        var row = f.Get("iod2019", domain, lad);
        Assert.Equal(lsoas.Count, row.Lsoas);
        Assert.Equal(people, row.Population!.Value, 1e-6);
        Assert.Equal(proportion, row.Proportion!.Value, 1e-12);
        Assert.Equal(averageRank, row.AverageRank!.Value, 1e-6);
        Assert.Equal(extent, row.Extent!.Value, 1e-12);
        Assert.Equal(concentration, row.LocalConcentration!.Value, 1e-6);
        Assert.Equal(domain == "employment" ? "iod2019-file6:working_age" : "iod2019-file6:total", row.PopulationSource);
        Assert.Null(row.AverageScore); // IoD2019 scores (File 5/7) are not in the shared data
        Assert.Null(row.RankOfAverageScore);
    }

    [Fact]
    public void Build_IoD2019Knowsley_Has46Of98LsoasInTheMostDeprivedDecile()
    {
        // By hand from File 2: Knowsley's 98 LSOAs, 46 of them in IMD decile 1.
        var row = f.Get("iod2019", "imd", Knowsley);

        Assert.Equal(98, row.Lsoas);
        Assert.Equal(46.0 / 98, row.Proportion!.Value, 1e-12);
    }

    [Fact]
    public void Build_IoD2019_LargestProportionsInDecileOneAreTheFiveTheStatisticalReleaseNames()
    {
        // IoD2019 Statistical Release (MHCLG, Sept 2019): "The five local authority districts with the largest
        // proportions of highly deprived neighbourhoods are Middlesbrough, Liverpool, Knowsley, Kingston upon Hull,
        // and Manchester."
        var top = f.Of("iod2019", "imd").OrderBy(r => r.RankOfProportion).Take(5).Select(r => r.LadCode);

        Assert.Equal(["E06000002", Liverpool, Knowsley, "E06000010", "E08000003"], top);
    }

    [Fact]
    public void Build_IoD2025WithTheIndexsOwnDistricts_ProportionAndItsRankMatchFile10ForAll296Districts()
    {
        foreach (var domain in IoDDomains)
        {
            var prefix = File10Prefix[domain];
            var rows = f.OwnDistrictRows.Where(r => r.IndexId == "iod2025" && r.Domain == domain).ToList();
            Assert.Equal(296, rows.Count);
            foreach (var r in rows)
            {
                var published = File10.Value[(r.LadCode, $"{prefix}_proportion_of_lso_as_in_most_deprived_10_percent_nationally")];
                var rank = File10.Value[(r.LadCode, $"{prefix}_rank_of_proportion_of_lso_as_in_most_deprived_10_percent_nationally")];

                // File 10 gives proportions to 4 decimal places.
                Assert.True(Math.Abs(r.Proportion!.Value - published) <= 0.00005 + 1e-12, $"{domain} {r.LadCode}: {r.Proportion} vs published {published}");
                Assert.Equal((int)rank, r.RankOfProportion);
            }
        }
    }

    [Fact]
    public void Build_IoD2025FromTheBestFitLookup_MatchesFile10ExceptTheTwoDistrictsOfTheOneMovedLsoa()
    {
        var differ = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in IoDDomains)
        {
            foreach (var r in f.Of("iod2025", domain))
            {
                var published = File10.Value[(r.LadCode, $"{File10Prefix[domain]}_proportion_of_lso_as_in_most_deprived_10_percent_nationally")];
                if (Math.Abs(r.Proportion!.Value - published) > 0.00005 + 1e-12)
                {
                    differ.Add(r.LadCode);
                }
            }
        }

        Assert.Equal([SharedSummariesFixture.WestNorthamptonshire, SharedSummariesFixture.Cherwell], differ.Order(StringComparer.Ordinal));
        var lookupWn = f.Get("iod2025", "imd", SharedSummariesFixture.WestNorthamptonshire);
        var ownWn = f.OwnDistrictRows.Single(r => r.IndexId == "iod2025" && r.Domain == "imd" && r.LadCode == SharedSummariesFixture.WestNorthamptonshire);
        Assert.Equal(ownWn.Lsoas - 1, lookupWn.Lsoas);
        Assert.Equal(33_755, f.Of("iod2025", "imd").Sum(r => r.Lsoas));
    }

    [Fact]
    public void Build_IoD2025_PopulationMeasuresAreMarkedCensusApproximationsCloseToFile10()
    {
        // The shared IoD2025 file has no denominators, so Census 2021 totals stand in (marked). File 10 weights by the
        // index's own denominators, so only a loose agreement is expected: the largest gaps seen are 3.4% (average
        // score), 4.3% (average rank), 0.0072 (extent) and 0.85% (local concentration); ranks move by a few places.
        var rows = f.OwnDistrictRows.Where(r => r.IndexId == "iod2025" && r.Domain == "imd").ToList();
        Assert.All(rows, r => Assert.Equal("approximation:population-census2021-lsoa21:total", r.PopulationSource));

        double Pub(SummaryRow r, string column) => File10.Value[(r.LadCode, column)];
        Assert.All(rows, r =>
        {
            Assert.InRange(r.AverageScore!.Value / Pub(r, "imd_average_score"), 0.95, 1.05);
            Assert.InRange(r.AverageRank!.Value / Pub(r, "imd_average_rank"), 0.95, 1.05);
            Assert.InRange(r.Extent!.Value - Pub(r, "imd25_extent"), -0.01, 0.01);
            Assert.InRange(r.LocalConcentration!.Value / Pub(r, "imd25_local_concentration"), 0.99, 1.01);
        });
        Assert.True(rows.Average(r => Math.Abs(r.RankOfAverageScore!.Value - Pub(r, "imd_rank_of_average_score"))) < 1);
        Assert.True(rows.Average(r => Math.Abs(r.RankOfAverageRank!.Value - Pub(r, "imd_rank_of_average_rank"))) < 1);
        Assert.True(rows.Average(r => Math.Abs(r.RankOfExtent!.Value - Pub(r, "imd25_rank_of_extent"))) < 1);
        Assert.True(rows.Average(r => Math.Abs(r.RankOfLocalConcentration!.Value - Pub(r, "imd25_rank_of_local_concentration"))) < 1);

        // The data README's LCR ranks (average score / average rank): Halton 31/55, Knowsley 13/17, Liverpool 9/12,
        // St Helens 46/68, Sefton 80/110, Wirral 58/106; within 2 places with Census weights.
        foreach (var (lad, score, rank) in new[] { ("E06000006", 31, 55), (Knowsley, 13, 17), (Liverpool, 9, 12), ("E08000013", 46, 68), ("E08000014", 80, 110), ("E08000015", 58, 106) })
        {
            var r = rows.Single(x => x.LadCode == lad);
            Assert.InRange(r.RankOfAverageScore!.Value, score - 2, score + 2);
            Assert.InRange(r.RankOfAverageRank!.Value, rank - 2, rank + 2);
        }
    }

    private static void CheckRanks(List<(double? Value, int? Rank)> items, string what)
    {
        var present = items.Where(i => i.Value is not null).Select(i => (Value: i.Value!.Value, i.Rank)).ToList();
        Assert.All(items.Where(i => i.Value is null), i => Assert.Null(i.Rank));
        foreach (var (value, rank) in present)
        {
            // Competition ranking: one more than the number of districts strictly more deprived.
            var expected = 1 + present.Count(o => o.Value > value);
            Assert.True(rank == expected, $"{what}: value {value} has rank {rank}, expected {expected}");
        }
    }
}
