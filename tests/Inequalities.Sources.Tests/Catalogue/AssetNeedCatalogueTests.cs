using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Tests.Catalogue;

public sealed class AssetNeedCatalogueTests
{
    private const string Sources = """
        version: 1
        sources:
          - id: iod2025
            kind: deprivation
            publisher: MHCLG
            licence: OGL-3.0
            url: https://example.org/file7.csv
            format: csv
            geography: lsoa
            vintage: 2021
            options:
              index_id: iod2025
            columns:
              lsoa_code: LSOA code (2021)
              imd.score: IMD score
          - id: loneliness
            kind: indicator
            publisher: DCMS
            licence: OGL-3.0
            url: https://example.org/lonely.csv
            format: csv
            geography: lsoa
            vintage: 2021
            columns:
              area_code: lsoa21_code
              value.loneliness_percent: perc
        """;

    [Fact]
    public void Parse_NoSection_GivesDocumentedDefaults()
    {
        var settings = SourceCatalogue.Parse(Sources, "/base").AssetNeed;

        Assert.Empty(settings.Need);
        Assert.Equal(800, settings.NearbyMetres);
        Assert.Equal([800, 1600], settings.NearbyDistances);
        Assert.Equal(3, settings.HighNeedDecile);
        Assert.Equal(0.3, settings.LowAssetQuantile);
        Assert.Equal(["lad", "combined_authority"], settings.SummaryAreas);
        Assert.Empty(settings.StudyArea);
    }

    [Fact]
    public void Parse_FullSection_ReadsEveryField()
    {
        var settings = SourceCatalogue.Parse(Sources + "\n" + """
            asset_need:
              need:
                - index: iod2025
                  domain: imd
                  measure: score
                  weight: 2
                - indicator: loneliness_percent
                  source: loneliness
                  period: "2021"
                  weight: 0.5
                  higher_is_need: false
              nearby_metres: 800
              high_need_decile: 2
              low_asset_quantile: 0.25
              summary_areas: [lad, study_area]
              study_area: [E47000004]
            """, "/base").AssetNeed;

        Assert.Equal(2, settings.Need.Count);
        Assert.Equal(new NeedComponentSettings { Index = "iod2025", Domain = "imd", Measure = "score", Weight = 2 }, settings.Need[0]);
        Assert.Equal(new NeedComponentSettings { Indicator = "loneliness_percent", Source = "loneliness", Period = "2021", Weight = 0.5, HigherIsNeed = false }, settings.Need[1]);
        Assert.Equal(800, settings.NearbyMetres);
        Assert.Equal([800], settings.NearbyDistances);
        Assert.Equal(2, settings.HighNeedDecile);
        Assert.Equal(0.25, settings.LowAssetQuantile);
        Assert.Equal(["lad", "study_area"], settings.SummaryAreas);
        Assert.Equal(["E47000004"], settings.StudyArea);
    }

    [Fact]
    public void Parse_NearbyMetresList_ReadsEveryDistanceShortestFirst()
    {
        var settings = SourceCatalogue.Parse(Sources + "\n" + """
            asset_need:
              nearby_metres: [1600, 800, 400]
            """, "/base").AssetNeed;

        Assert.Equal([400, 800, 1600], settings.NearbyDistances);
        Assert.Equal(400, settings.NearbyMetres);
    }

    [Fact]
    public void Parse_NearbyMetresBadEntry_ReportsTheLineAndValue()
    {
        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(Sources + "\n" + """
            asset_need:
              nearby_metres: [800, far, 60000]
            """, "/base", "t.yml"));

        Assert.Contains("field 'asset_need.nearby_metres': 'far' is not a distance in metres above 0 and at most 50000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("field 'asset_need.nearby_metres': '60000' is not a distance in metres above 0 and at most 50000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidSection_ListsEveryProblemWithLineAndField()
    {
        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(Sources + "\n" + """
            asset_need:
              need:
                - index: iod2019
                  weight: -1
                - indicator: x
                  index: iod2025
                - indicator: y
                  source: iod2025
                  measure: rank
              nearby_metres: far
              high_need_decile: 10
              low_asset_quantile: 1.5
              summary_areas: [ward]
              study_area: [Liverpool]
              colour: red
            """, "/base"));

        Assert.Equal(
        [
            "data-sources.yml:41: field 'asset_need.colour': is not a known field (expected one of need, nearby_metres, high_need_decile, low_asset_quantile, summary_areas, study_area)",
            "data-sources.yml:36: field 'asset_need.nearby_metres': 'far' is not a distance in metres above 0 and at most 50000",
            "data-sources.yml:37: field 'asset_need.high_need_decile': '10' is not a decile from 1 to 9",
            "data-sources.yml:38: field 'asset_need.low_asset_quantile': '1.5' is not a fraction between 0 and 1 (e.g. 0.3 for the lowest 30%)",
            "data-sources.yml:39: field 'asset_need.summary_areas': 'ward' is not one of lad, combined_authority, region, study_area",
            "data-sources.yml:40: field 'asset_need.study_area': 'Liverpool' is not a GSS code (e.g. E47000004 or E08000012)",
            "data-sources.yml:29: field 'asset_need.need[1].index': 'iod2019' is not the index_id of any deprivation source (known: iod2025)",
            "data-sources.yml:30: field 'asset_need.need[1].weight': '-1' is not a positive number",
            "data-sources.yml:31: field 'asset_need.need[2]': needs exactly one of 'index' (a deprivation index id) or 'indicator' (an indicator id)",
            "data-sources.yml:33: field 'asset_need.need[3].measure': is only used with 'index'",
            "data-sources.yml:33: field 'asset_need.need[3].source': 'iod2025' is not the id of an indicator or fingertips source",
        ],
            ex.Problems);
    }
}
