using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;
using Inequalities.Lake.Tests.Build;
using Inequalities.Lake.Summaries;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Tests.Summaries;

/// <summary>The table's rules on small made-up sources: merging an index's sources, districts, and which population.</summary>
public sealed class LadDeprivationSummariesRuleTests
{
    // Index "idx2019": 6 LSOAs, N = 6. District D1 holds ranks 1, 4, 6; D2 ranks 2, 3, 5.
    private static readonly string[] Codes = ["E01000001", "E01000002", "E01000003", "E01000004", "E01000005", "E01000006"];
    private static readonly string?[] Lads = ["E08000001", "E08000002", "E08000002", "E08000001", "E08000002", "E08000001"];
    private static readonly int[] ImdRanks = [1, 2, 3, 4, 5, 6];
    private static readonly int[] ImdDeciles = [1, 4, 5, 7, 9, 10];
    private static readonly int[] EmploymentRanks = [6, 5, 4, 3, 2, 1];
    private static readonly double[] Totals = [100, 100, 100, 100, 100, 100];
    private static readonly double[] WorkingAge = [60, 10, 10, 60, 10, 60];

    [Fact]
    public void Build_TwoSourcesOfOneIndex_AreMergedAndUseTheDistrictsTheIndexGives()
    {
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019-file1", lads: Lads, ("imd", ImdRanks, ImdDeciles)));
        parsed.Deprivation.Add(Index("idx2019-file2", lads: null, ("imd", ImdRanks, null), ("employment", EmploymentRanks, null)));

        var rows = Rows(Build(parsed));

        Assert.Equal(["employment|E08000001", "employment|E08000002", "imd|E08000001", "imd|E08000002"], rows.Select(r => $"{r.Domain}|{r.Lad}"));

        // D1 imd: 1 of 3 in decile 1 (rank 1); D2 none. Employment has no deciles, so they come from the ranks:
        // ceil(10 r / 6) is at least 2 for every rank, so no LSOA is in decile 1.
        Assert.Equal([0.0, 0.0, 1.0 / 3, 0.0], rows.Select(r => r.Proportion!.Value));
        Assert.All(rows, r => Assert.Null(r.AverageRank));
        Assert.All(rows, r => Assert.Null(r.PopulationSource));
    }

    [Fact]
    public void Build_PopulationSourceNamedAfterTheIndex_GivesEachDomainItsDenominator()
    {
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019", lads: Lads, ("imd", ImdRanks, ImdDeciles), ("employment", EmploymentRanks, null)));
        parsed.Populations.Add(Population("idx2019-file6", "mid-2015", indexOption: null, vintage: 2011));

        var rows = Rows(Build(parsed));

        var imd = rows.Single(r => r.Domain == "imd" && r.Lad == "E08000001");
        var employment = rows.Single(r => r.Domain == "employment" && r.Lad == "E08000001");
        Assert.Equal("idx2019-file6:total", imd.PopulationSource);
        Assert.Equal("idx2019-file6:working_age", employment.PopulationSource);

        // D1 imd, reversed ranks 7 - r of ranks 1, 4, 6 = 6, 3, 1 with 100 people each: (600 + 300 + 100) / 300.
        Assert.Equal(1000.0 / 300, imd.AverageRank!.Value, 1e-12);

        // D1 employment: ranks 6, 3, 1 (reversed 1, 4, 6) with working-age 60 each: (60 + 240 + 360) / 180.
        Assert.Equal(660.0 / 180, employment.AverageRank!.Value, 1e-12);
        Assert.Equal(180.0, employment.Population!.Value, 1e-12);
    }

    [Fact]
    public void Build_PopulationSourceWithTheIndexIdOption_IsTheIndexsOwn()
    {
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019", lads: Lads, ("imd", ImdRanks, ImdDeciles)));
        parsed.Populations.Add(Population("denominators", "mid-2015", indexOption: "idx2019", vintage: 2011));

        Assert.All(Rows(Build(parsed)), r => Assert.Equal("denominators:total", r.PopulationSource));
    }

    [Fact]
    public void Build_DenominatorsInTheDeprivationSource_ComeFirst()
    {
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019-file7", lads: Lads, ("imd", ImdRanks, ImdDeciles)) is var d
            ? new DeprivationData
            {
                SourceId = d.SourceId,
                IndexId = d.IndexId,
                Vintage = d.Vintage,
                LsoaCodes = d.LsoaCodes,
                LadCodes = d.LadCodes,
                Domains = d.Domains,
                Denominators = new Dictionary<string, double[]> { ["total"] = [300, 100, 100, 100, 100, 100] },
            }
            : throw new InvalidOperationException());
        parsed.Populations.Add(Population("idx2019-file6", "mid-2015", indexOption: null, vintage: 2011));

        var d1 = Rows(Build(parsed)).Single(r => r.Lad == "E08000001");

        // D1: reversed 6, 3, 1 with 300, 100, 100 people: (1800 + 300 + 100) / 500.
        Assert.Equal("idx2019-file7:total", d1.PopulationSource);
        Assert.Equal(2200.0 / 500, d1.AverageRank!.Value, 1e-12);

        // Local concentration: 10% of 500 = 50 people, all from the rank-1 LSOA: reversed rank 6.
        Assert.Equal(6.0, d1.LocalConcentration!.Value, 1e-12);
    }

    [Theory]
    [InlineData("2015", true)]
    [InlineData("mid-2019", true)]
    [InlineData("2014", false)]
    [InlineData("mid-2020", false)]
    public void Build_OnlyAnUnrelatedPopulation_IsAMarkedApproximationWhenFromTheIndexYearOrTheFourBefore(string period, bool used)
    {
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019", lads: Lads, ("imd", ImdRanks, ImdDeciles), ("employment", EmploymentRanks, null)));
        parsed.Populations.Add(Population("census", period, indexOption: null, vintage: 2011));

        var rows = Rows(Build(parsed));

        if (used)
        {
            // The approximation uses total population for every domain, employment included.
            Assert.All(rows, r => Assert.Equal("approximation:census:total", r.PopulationSource));
            Assert.All(rows, r => Assert.NotNull(r.AverageRank));
        }
        else
        {
            Assert.All(rows, r => Assert.Null(r.PopulationSource));
            Assert.All(rows, r => Assert.Null(r.AverageRank));
            Assert.All(rows, r => Assert.NotNull(r.Proportion));
        }
    }

    [Fact]
    public void Build_PopulationOfAnotherVintage_IsNotUsed()
    {
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019", lads: Lads, ("imd", ImdRanks, ImdDeciles)));
        parsed.Populations.Add(Population("idx2019-file6", "mid-2015", indexOption: null, vintage: 2021));

        Assert.All(Rows(Build(parsed)), r => Assert.Null(r.PopulationSource));
    }

    [Fact]
    public void Build_SourcesOfOneIndexDisagreeOnADistrict_ThrowsNamingTheLsoa()
    {
        var other = (string?[])Lads.Clone();
        other[2] = "E08000001";
        var parsed = new ParsedSources();
        parsed.Deprivation.Add(Index("idx2019-file1", lads: Lads, ("imd", ImdRanks, ImdDeciles)));
        parsed.Deprivation.Add(Index("idx2019-file2", lads: other, ("imd", ImdRanks, ImdDeciles)));

        var ex = Assert.Throws<SourceDataException>(() => Build(parsed));

        Assert.Contains("LSOA E01000003 is in district E08000001 here but E08000002", ex.Message, StringComparison.Ordinal);
        Assert.Equal("idx2019-file2", ex.SourceId);
    }

    [Fact]
    public void Build_NoDeprivationSources_GivesAnEmptyTableWithTheColumns()
    {
        var table = Build(new ParsedSources());

        Assert.Equal(0, table.RowCount);
        Assert.True(table.Contains("rank_of_local_concentration"));
        Assert.True(table.Contains("population_source"));
    }

    private static Table Build(ParsedSources parsed) => LadDeprivationSummaries.Build(GeographyModel.Build(parsed), parsed).Table;

    private static List<(string Domain, string Lad, double? Proportion, double? AverageRank, double? LocalConcentration, double? Population, string? PopulationSource)> Rows(Table t)
    {
        var result = new List<(string, string, double?, double?, double?, double?, string?)>();
        for (var i = 0; i < t.RowCount; i++)
        {
            result.Add((
                t.Strings("domain")[i]!,
                t.Strings("lad_code")[i]!,
                t.Primitive<double>("proportion_most_deprived_10pc")[i],
                t.Primitive<double>("average_rank")[i],
                t.Primitive<double>("local_concentration")[i],
                t.Primitive<double>("population")[i],
                t.Strings("population_source")[i]));
        }

        return result;
    }

    private static DeprivationData Index(string sourceId, string?[]? lads, params (string Domain, int[] Ranks, int[]? Deciles)[] domains) => new()
    {
        SourceId = sourceId,
        IndexId = "idx2019",
        Vintage = 2011,
        LsoaCodes = Column.FromStrings("lsoa_code", Codes),
        LadCodes = lads is null ? null : Column.FromStrings("lad_code", lads),
        Domains = domains.Select(d => new DomainValues(d.Domain, null, d.Ranks, d.Deciles)).ToList(),
        Denominators = new Dictionary<string, double[]>(),
    };

    private static (SourceDefinition, PopulationData) Population(string id, string period, string? indexOption, int vintage) =>
        MadeUpSources.Population(id, vintage, period, Codes, Totals, indexOption, new Dictionary<string, double[]> { ["total"] = Totals, ["working_age"] = WorkingAge });
}
