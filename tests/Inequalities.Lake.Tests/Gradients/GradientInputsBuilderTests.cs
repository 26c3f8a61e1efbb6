using Inequalities.Core.Columnar;
using Inequalities.Lake.Gradients;
using Inequalities.Lake.Tests.Build;
using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Gradients;

/// <summary>
/// The refresh gives the gradients <c>lsoa_indicators</c> and <c>indicators</c> one source at a time, as it builds and
/// writes them; the gradients must be those of the whole tables, exactly.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class GradientInputsBuilderTests(SharedLakeFixture lake)
{
    [Fact]
    public async Task Build_SharedLakeTablesSourceBySource_GivesExactlyTheGradientsOfTheWholeTables()
    {
        var snapshot = lake.Snapshot;
        var areas = await snapshot.ReadTableAsync(TableNames.Areas);
        var deprivation = await snapshot.ReadTableAsync(TableNames.Deprivation);
        var lsoaIndicators = await snapshot.ReadTableAsync(TableNames.LsoaIndicators);
        var indicators = await snapshot.ReadTableAsync(TableNames.Indicators);
        var settings = lake.Catalogue.Gradients;

        var whole = GradientTables.Compute(GradientTables.Prepare(areas, deprivation, lsoaIndicators, settings, indicators));

        // The refresh's order: each source's lsoa_indicators part, then its indicators part, source after source.
        var builder = new GradientInputsBuilder(areas, deprivation, settings, bridges: null);
        var lsoaSources = Distinct(lsoaIndicators.Strings(LsoaIndicatorsColumns.SourceId));
        var indicatorSources = Distinct(indicators.Strings(IndicatorsColumns.SourceId));
        foreach (var source in lsoaSources.Union(indicatorSources))
        {
            builder.AddLsoaIndicators(lsoaIndicators.Where((LsoaIndicatorsColumns.SourceId, source)));
            builder.AddIndicators(indicators.Where((IndicatorsColumns.SourceId, source)));
        }

        var parts = GradientTables.Compute(builder.Build());

        Assert.True(whole.Gradients.RowCount > 1000, $"{whole.Gradients.RowCount} gradient rows");
        Assert.True(lsoaSources.Count >= 2, string.Join(", ", lsoaSources));
        TableAssert.Equal(whole.Quantiles, parts.Quantiles);
        TableAssert.Equal(whole.Gradients, parts.Gradients);
        TableAssert.Equal(whole.Trends, parts.Trends);
    }

    [Fact]
    public async Task IndicatorMetadataTable_SourceBySource_EqualsTheTableOfTheWholeIndicatorsTable()
    {
        var indicators = await lake.Snapshot.ReadTableAsync(TableNames.Indicators);
        var metadata = new IndicatorMetadataCatalogue(lake.Catalogue.Sources);

        var parts = new IndicatorMetadataTable();
        foreach (var source in Distinct(indicators.Strings(IndicatorsColumns.SourceId)))
        {
            parts.Add(indicators.Where((IndicatorsColumns.SourceId, source)));
        }

        var whole = IndicatorMetadataTable.Build(indicators, metadata);
        Assert.True(whole.RowCount > 50, $"{whole.RowCount} indicators");
        TableAssert.Equal(whole, parts.Build(metadata));
    }

    [Fact]
    public void Build_TwoSourcesWithCountsAndLsoasTheOtherLacks_GivesExactlyTheGradientsOfTheWholeTables()
    {
        // Twenty LSOAs of one district, ranked 1..20. Source "a" has values for L01-L12, "b" for L05-L20; both publish
        // counts and denominators, "b" also for LSOAs outside the lake (X..), which the LSOA ids must take in the same
        // order as the whole tables give them.
        var lsoas = Enumerable.Range(1, 20).Select(i => $"L{i:00}").ToArray();
        var areas = new TableBuilder("areas")
            .Add("lsoa_code", lsoas).Add<int>("lsoa_vintage", lsoas.Select(_ => 2021).ToArray()).Add("lad_code", lsoas.Select(_ => "E08000012"))
            .Add("cauth_code", lsoas.Select(_ => (string?)null)).AddNullable<double>("population", lsoas.Select((_, i) => (double?)(100 + (i * 7 % 30))).ToArray())
            .Build();
        var deprivation = new TableBuilder("deprivation")
            .Add("index_id", lsoas.Select(_ => "idx")).Add("domain", lsoas.Select(_ => "imd")).Add("lsoa_code", lsoas)
            .Add<int>("lsoa_vintage", lsoas.Select(_ => 2021).ToArray()).AddNullable<int>("rank", lsoas.Select((_, i) => (int?)(i + 1)).ToArray())
            .AddNullable<int>("decile", lsoas.Select((_, i) => (int?)((i / 2) + 1)).ToArray())
            .Build();
        (string Source, string Lsoa, double Value, double Count, double Denominator)[] rows =
        [
            .. lsoas.Take(12).Select((l, i) => ("a", l, 30.0 - i, 30.0 - i, 1000.0 + (i * 13))),
            .. lsoas.Skip(4).Concat(["X01", "X02"]).Select((l, i) => ("b", l, 5.0 + (i * 0.5), 5.0 + i, 900.0 + (i * 11))),
        ];
        var lsoaIndicators = LsoaIndicators(rows.Where(r => r.Lsoa.StartsWith('L')).ToArray());
        var indicators = Indicators(rows);
        var settings = new GradientSettings { Bases = [new GradientBasis("idx", Quantiles: 5)], Repetitions = 200 };
        var metadata = new IndicatorMetadataCatalogue([Source("a"), Source("b")]);

        var whole = GradientTables.Compute(GradientTables.Prepare(areas, deprivation, lsoaIndicators, settings, indicators), metadata);
        var builder = new GradientInputsBuilder(areas, deprivation, settings, bridges: null);
        foreach (var source in new[] { "a", "b" })
        {
            builder.AddLsoaIndicators(LsoaIndicators(rows.Where(r => r.Source == source && r.Lsoa.StartsWith('L')).ToArray()));
            builder.AddIndicators(Indicators(rows.Where(r => r.Source == source).ToArray()));
        }

        var inputs = builder.Build();
        var parts = GradientTables.Compute(inputs, metadata);

        Assert.All(inputs.SeriesByVintage[2021], s => Assert.NotNull(s.Counts));
        Assert.Equal(2, inputs.SeriesByVintage[2021].Count);
        Assert.Contains(parts.Gradients.Strings("se_method").Ids.ToArray(), id => id >= 0);
        TableAssert.Equal(whole.Quantiles, parts.Quantiles);
        TableAssert.Equal(whole.Gradients, parts.Gradients);
    }

    private static Table LsoaIndicators((string Source, string Lsoa, double Value, double Count, double Denominator)[] rows) =>
        new TableBuilder(TableNames.LsoaIndicators)
            .Add("lsoa_code", rows.Select(r => r.Lsoa)).Add<int>("lsoa_vintage", rows.Select(_ => 2021).ToArray()).Add("source_id", rows.Select(r => r.Source))
            .Add("indicator_id", rows.Select(_ => "rate")).Add("period", rows.Select(_ => "2024"))
            .AddNullable<double>("value", rows.Select(r => (double?)r.Value).ToArray()).Add("method", rows.Select(_ => "direct"))
            .Build();

    private static Table Indicators((string Source, string Lsoa, double Value, double Count, double Denominator)[] rows) =>
        new TableBuilder(TableNames.Indicators)
            .Add("source_id", rows.Select(r => r.Source)).Add("indicator_id", rows.Select(_ => "rate")).Add("period", rows.Select(_ => "2024"))
            .Add("sex", rows.Select(_ => (string?)null)).Add("area_code", rows.Select(r => r.Lsoa)).Add("area_type", rows.Select(_ => "lsoa"))
            .AddNullable<double>("value", rows.Select(r => (double?)r.Value).ToArray()).AddNullable<double>("count", rows.Select(r => (double?)r.Count).ToArray())
            .AddNullable<double>("denominator", rows.Select(r => (double?)r.Denominator).ToArray())
            .Build();

    private static SourceDefinition Source(string id) => GradientTablesTests.IndicatorSource(
        id, new KeyValuePair<string, IndicatorMetadata>("rate", new IndicatorMetadata { Polarity = IndicatorPolarity.HigherIsWorse, ValueKind = IndicatorValueKind.Rate, Multiplier = 1000, Unit = "per 1,000" }));

    private static List<string> Distinct(StringColumn column) =>
        [.. Enumerable.Range(0, column.Length).Select(i => column[i]!).Distinct(StringComparer.Ordinal)];
}
