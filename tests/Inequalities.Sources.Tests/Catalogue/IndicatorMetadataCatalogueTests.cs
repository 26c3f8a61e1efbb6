using Inequalities.Sources.Catalogue;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Catalogue;

/// <summary>Indicator metadata in the catalogue (issue 14, item 5): the YAML, its validation messages, the shipped catalogues.</summary>
public sealed class IndicatorMetadataCatalogueTests
{
    private const string Wide = """
        version: 1
        sources:
          - id: file8
            kind: indicator
            publisher: MHCLG
            licence: OGL-3.0
            url: https://example.org/file8.csv
            format: csv
            geography: lsoa
            vintage: 2011
            columns:
              area_code: lsoa11_code
              value.years_of_potential_life_lost: ypll
              value.mood_and_anxiety_disorders: mood
              value.road_distance_to_a_gp_surgery_km: gp
            indicators:
              years_of_potential_life_lost: {polarity: higher_is_worse, value_kind: rate, unit: standardised years lost}
              mood_and_anxiety_disorders:
                polarity: higher_is_worse
                value_kind: score
                unit: standardised score centred on 0
              "road_distance_*": {polarity: higher_is_worse, value_kind: quantity, unit: km}
          - id: fingertips-suicide
            kind: fingertips
            publisher: OHID
            licence: OGL-3.0
            url: https://example.org/41001.csv
            format: csv
            geography: mixed
            columns:
              indicator_id: Indicator ID
              area_code: Area Code
              area_type: Area Type
              period: Time period
              value: Value
            indicator: {polarity: higher_is_worse, value_kind: rate, unit: "per 100,000", multiplier: 100000}
        """;

    [Fact]
    public void Parse_MetadataBlocks_ReadsEntriesPatternsAndDefaults()
    {
        var catalogue = SourceCatalogue.Parse(Wide, "/b");

        var file8 = catalogue["file8"].IndicatorMetadata!;
        Assert.Equal(IndicatorValueKind.Rate, file8.For("years_of_potential_life_lost")!.ValueKind);
        var mood = file8.For("mood_and_anxiety_disorders")!;
        Assert.Equal(IndicatorPolarity.HigherIsWorse, mood.Polarity);
        Assert.False(mood.IsRatioScale);
        Assert.Equal("score", mood.ValueKindName);
        Assert.Equal("km", file8.For("road_distance_to_a_gp_surgery_km")!.Unit);
        Assert.Null(file8.For("not_there"));

        var suicide = catalogue["fingertips-suicide"].IndicatorMetadata!.For("41001")!;
        Assert.Equal("higher_is_worse", suicide.PolarityName);
        Assert.Equal(100_000, suicide.Multiplier);
        Assert.True(suicide.IsRatioScale);
    }

    [Fact]
    public void Parse_BadMetadata_ReportsFileLineEntryAndField()
    {
        var yaml = Wide
            .Replace("value_kind: rate, unit: standardised years lost", "value_kind: speed, unit: standardised years lost", StringComparison.Ordinal)
            .Replace("    polarity: higher_is_worse\n        value_kind: score", "    polarity: worse\n        value_kind: score", StringComparison.Ordinal)
            .Replace("\"road_distance_*\"", "\"road_time_*\"", StringComparison.Ordinal)
            .Replace("unit: \"per 100,000\", multiplier: 100000", "multiplier: -1, colour: red", StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));

        Assert.Equal(
            [
                "c.yml:17: source 'file8' field 'indicators.years_of_potential_life_lost.value_kind': 'speed' is not one of rate, proportion, ratio, count, quantity, score, rank",
                "c.yml:19: source 'file8' field 'indicators.mood_and_anxiety_disorders.polarity': 'worse' is not one of higher_is_worse, higher_is_better, neither",
                "c.yml:22: source 'file8' field 'indicators.road_time_*': matches none of this source's indicators (its value.<id> columns)",
                "c.yml:17: source 'file8' field 'indicators': has no metadata for road_distance_to_a_gp_surgery_km (add them, a pattern with *, or an 'indicator:' default)",
                "c.yml:36: source 'fingertips-suicide' field 'indicator.colour': is not a known field (expected one of polarity, value_kind, unit, multiplier)",
                "c.yml:36: source 'fingertips-suicide' field 'indicator.unit': is required (the unit in words, e.g. 'per 100,000' or 'years')",
                "c.yml:36: source 'fingertips-suicide' field 'indicator.multiplier': '-1' is not a number greater than 0",
            ],
            ex.Problems);
    }

    [Fact]
    public void Parse_MetadataOnAnotherKind_IsAProblem()
    {
        var yaml = """
            version: 1
            sources:
              - id: iod2019
                kind: deprivation
                publisher: MHCLG
                licence: OGL-3.0
                url: https://example.org/file7.csv
                format: csv
                geography: lsoa
                columns:
                  lsoa_code: LSOA code (2011)
                  imd.rank: Rank
                indicator: {polarity: higher_is_worse, value_kind: score, unit: score}
            """;

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));

        Assert.Equal(["c.yml:13: source 'iod2019' field 'indicator': is only used by indicator and fingertips sources"], ex.Problems);
    }

    [Theory]
    [InlineData("data-sources.yml")]
    [InlineData("tests/data-sources.shared.yml")]
    public void ShippedCatalogue_EveryIndicatorSource_HasMetadataForEveryIndicator(string file)
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, file));

        // Wide sources are checked at load (every value.<id> column covered); the others need a default or entries.
        Assert.All(
            catalogue.Sources.Where(s => s.Kind is SourceKind.Indicator or SourceKind.Fingertips),
            s => Assert.True(s.IndicatorMetadata is { } m && (m.Default is not null || s.Columns.Keys.Any(k => k.StartsWith("value.", StringComparison.Ordinal))), $"{s.Id} has no indicator metadata"));
    }
}
