using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Tests.Catalogue;

public sealed class SourceCatalogueTests
{
    private const string ValidEntry = """
        version: 1
        sources:
          - id: iod2019
            kind: deprivation
            publisher: MHCLG
            licence: OGL-3.0
            url: https://assets.publishing.service.gov.uk/file7.csv
            format: csv
            geography: lsoa
            vintage: 2011
            columns:
              lsoa_code: LSOA code (2011)
              imd.rank: Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)
        """;

    [Fact]
    public void Parse_ValidEntry_ReadsEveryField()
    {
        var catalogue = SourceCatalogue.Parse(ValidEntry, "/base");

        var source = Assert.Single(catalogue.Sources);
        Assert.Equal("iod2019", source.Id);
        Assert.Equal(SourceKind.Deprivation, source.Kind);
        Assert.Equal(SourceFormat.Csv, source.Format);
        Assert.Equal(GeographyLevel.Lsoa, source.Geography);
        Assert.Equal(2011, source.Vintage);
        Assert.Equal("LSOA code (2011)", source.Column("lsoa_code"));
        Assert.Equal(512L * 1024 * 1024, source.MaxBytes);
        Assert.Contains("assets.publishing.service.gov.uk", catalogue.AllowedHosts);
        Assert.Equal("0 2 * * *", catalogue.Defaults.Schedule.Expression);
        Assert.Equal("Europe/London", catalogue.Defaults.TimeZone.Id);
    }

    [Fact]
    public void Parse_RelativePath_ResolvesAgainstBaseDirectory()
    {
        var yaml = ValidEntry.Replace("https://assets.publishing.service.gov.uk/file7.csv", "data/file7.csv", StringComparison.Ordinal);

        var source = Assert.Single(SourceCatalogue.Parse(yaml, "/base/config").Sources);

        Assert.True(source.IsFile);
        Assert.Equal("/base/config/data/file7.csv", source.Location.LocalPath);
    }

    [Fact]
    public void Parse_SizesAndDefaults_AreApplied()
    {
        var yaml = ValidEntry
            .Replace("version: 1", "version: 1\ndefaults:\n  max_bytes: 2MiB\n  schedule: \"30 3 * * 0\"\n  keep_snapshots: 3", StringComparison.Ordinal)
            .Replace("    vintage: 2011", "    vintage: 2011\n    schedule: \"*/20 * * * * *\"", StringComparison.Ordinal);

        var catalogue = SourceCatalogue.Parse(yaml, "/base");

        Assert.Equal(2L * 1024 * 1024, catalogue.Sources[0].MaxBytes);
        Assert.Equal("30 3 * * 0", catalogue.Defaults.Schedule.Expression);
        Assert.Equal(3, catalogue.Defaults.KeepSnapshots);
        Assert.Equal("*/20 * * * * *", catalogue.Sources[0].Schedule!.Expression);
    }

    // Case table: a broken catalogue and the exact message each problem produces. Every problem is reported in
    // one exception, in file order.
    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneWithEntryIdAndField()
    {
        const string yaml = """
            version: 1
            sources:
              - id: iod2019
                kind: deprivation
                publisher: MHCLG
                licence: OGL-3.0
                url: http://example.org/file.csv
                format: xlsx
                geography: lsoa
                vintage: 1066
                sha256: abc
                schedule: every night
                urll: typo
                columns:
                  lsoa_code: LSOA code (2011)
                  imd.rnk: IMD Rank
              - id: iod2019
                kind: lake
                publisher: MHCLG
                licence: OGL-3.0
                url: https://example.org/f.zip
                format: zip
                member: ../../etc/passwd
                member_format: csv
                geography: lsoa
                alternative_to: nowhere
                columns:
                  lsoa_code: LSOA code
            """;

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/base", "sources.yml"));

        Assert.Equal(
            [
                "sources.yml:13: source 'iod2019' field 'urll': is not a known field (expected one of id, kind, publisher, licence, url, format, sheet, member, member_format, geography, vintage, period, columns, sha256, max_bytes, schedule, enabled, alternative_to, description, options, fallback_months, indicator, indicators, attribution)",
                "sources.yml:7: source 'iod2019' field 'url': 'http://example.org/file.csv' must use https (plain http is accepted only for a loopback test server)",
                "sources.yml:3: source 'iod2019' field 'sheet': is required when format is xlsx",
                "sources.yml:10: source 'iod2019' field 'vintage': '1066' is not a year between 1990 and 2100",
                "sources.yml:11: source 'iod2019' field 'sha256': must be 64 hexadecimal characters",
                "sources.yml:12: source 'iod2019' field 'schedule': 'every night' is not a cron expression of 5 fields (minute hour day month weekday) or 6 (with seconds first)",
                "sources.yml:3: source 'iod2019' field 'columns.imd.rnk': 'imd.rnk' is not a canonical field for kind 'deprivation'",
                "sources.yml:3: source 'iod2019' field 'columns': kind 'deprivation' needs a '<domain>.rank' or '<domain>.score' field",
                "sources.yml:17: source 'iod2019' field 'id': is a duplicate of the entry at line 3",
                "sources.yml:18: source 'iod2019' field 'kind': 'lake' is not one of deprivation, lookup, population, indicator, fingertips, boundaries, centroids, postcodes, assets",
                "sources.yml:17: source 'iod2019' field 'member': '../../etc/passwd' must be a relative path inside the archive (no '..', no leading '/')",
            ],
            ex.Problems);
        Assert.StartsWith("sources.yml has 11 problems:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRequiredFields_NamesEachField()
    {
        const string yaml = """
            version: 2
            sources:
              - id: x
                columns:
                  area_code: Code
            """;

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/base", "c.yml"));

        Assert.Equal(
            [
                "c.yml:1: field 'version': is '2', but this release reads version 1",
                "c.yml:3: source 'x' field 'kind': is required (one of deprivation, lookup, population, indicator, fingertips, boundaries, centroids, postcodes, assets)",
                "c.yml:3: source 'x' field 'publisher': is required",
                "c.yml:3: source 'x' field 'licence': is required",
                "c.yml:3: source 'x' field 'format': is required (one of csv, csv.gz, xlsx, zip, json, geojson, arcgis)",
                "c.yml:3: source 'x' field 'geography': is required (one of lsoa, msoa, ward, lad, utla, combined_authority, region, country, postcode, point, mixed)",
                "c.yml:3: source 'x' field 'url': is required (an https URL, or a file path relative to the catalogue)",
            ],
            ex.Problems);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsLine()
    {
        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse("version: 1\nsources: [\n  - id: x", "/b", "bad.yml"));

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("bad.yml:", problem, StringComparison.Ordinal);
        Assert.Contains("is not valid YAML", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AlternativeToUnknownId_IsReported()
    {
        var yaml = ValidEntry + "\n    alternative_to: nope\n";

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));

        Assert.Equal(["c.yml:3: source 'iod2019' field 'alternative_to': names 'nope', which is not a source id in the catalogue"], ex.Problems);
    }

    /// <summary>Sources the gradients tests name: IoD2019 with an income domain, IoD2025, and a wide File 8.</summary>
    private const string GradientSources = """

          - id: iod2025
            kind: deprivation
            publisher: MHCLG
            licence: OGL-3.0
            url: https://assets.publishing.service.gov.uk/file7-2025.csv
            format: csv
            geography: lsoa
            vintage: 2021
            columns:
              lsoa_code: LSOA code (2021)
              imd.rank: Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)
          - id: iod2019-file8
            kind: indicator
            publisher: MHCLG
            licence: OGL-3.0
            url: https://assets.publishing.service.gov.uk/file8.xlsx
            format: xlsx
            sheet: IoD2019 Health Domain
            geography: lsoa
            vintage: 2011
            columns:
              area_code: LSOA code (2011)
              value.years_of_potential_life_lost: Years of potential life lost indicator
        """;

    [Fact]
    public void Parse_GradientsSection_ReadsBasesAndOptions()
    {
        var yaml = ValidEntry.Replace("    imd.rank:", "    income.rank: Income Rank (where 1 is most deprived)\n      imd.rank:", StringComparison.Ordinal) + GradientSources;
        yaml = yaml.Replace("version: 1", """
            version: 1
            gradients:
              bases:
                - index: iod2019
                  domain: income
                  quantiles: 5
                  ranking: local
                - index: iod2025
              indicators: [iod2019-file8:years_of_potential_life_lost]
              include_inherited: true
              repetitions: 20000
              seed: 7
            """, StringComparison.Ordinal);

        var gradients = SourceCatalogue.Parse(yaml, "/b").Gradients;

        Assert.Equal([new GradientBasis("iod2019", "income", 5, QuantileRanking.Local), new GradientBasis("iod2025")], gradients.Bases);
        Assert.Equal("iod2019/income/local", gradients.Bases[0].Label);
        Assert.True(gradients.Selects("iod2019-file8", "years_of_potential_life_lost"));
        Assert.False(gradients.Selects("iod2019-file8", "air_quality"));
        Assert.True(gradients.IncludeInherited);
        Assert.Equal(20_000, gradients.Repetitions);
        Assert.Equal(7UL, gradients.Seed);
    }

    [Fact]
    public void Parse_BadGradients_ReportsEachProblem()
    {
        var yaml = ValidEntry.Replace("version: 1", """
            version: 1
            gradients:
              bases:
                - domain: imd
                - index: iod2019
                  quantiles: 4
                  ranking: regional
              repetitions: 10
            """, StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));

        Assert.Equal(
            [
                "c.yml:4: field 'gradients.bases.index': is required (an index id such as iod2019)",
                "c.yml:6: field 'gradients.bases.quantiles': '4' must be 10 (deciles) or 5 (quintiles)",
                "c.yml:7: field 'gradients.bases.ranking': 'regional' must be national or local",
                "c.yml:8: field 'gradients.repetitions': '10' must be a whole number of at least 1000",
            ],
            ex.Problems);
    }

    [Fact]
    public void Parse_GradientsNamingWhatTheCatalogueLacks_ReportsEach()
    {
        var yaml = (ValidEntry + GradientSources).Replace("version: 1", """
            version: 1
            gradients:
              bases:
                - index: iod2015
                - index: iod2019
                  domain: income
              indicators:
                - iod2019-file8:air_quality
                - iod2019-file9
                - iod2019
            """, StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => SourceCatalogue.Parse(yaml, "/b", "c.yml"));

        Assert.Equal(
            [
                "c.yml:4: field 'gradients.bases.index': 'iod2015' is not the index_id of any deprivation source (known: iod2019, iod2025)",
                "c.yml:5: field 'gradients.bases.domain': 'income' is not a domain the sources of index 'iod2019' rank (their domains: imd)",
                "c.yml:8: source 'iod2019-file8' field 'gradients.indicators': 'iod2019-file8:air_quality': 'air_quality' is not an indicator of this source (its indicators: years_of_potential_life_lost)",
                "c.yml:9: field 'gradients.indicators': 'iod2019-file9' names 'iod2019-file9', which is not the id of an indicator or fingertips source in the catalogue",
                "c.yml:10: field 'gradients.indicators': 'iod2019' names 'iod2019', which is not the id of an indicator or fingertips source in the catalogue",
            ],
            ex.Problems);
    }

    [Fact]
    public void Only_UnknownId_Throws()
    {
        var catalogue = SourceCatalogue.Parse(ValidEntry, "/b");

        var ex = Assert.Throws<CatalogueException>(() => catalogue.Only(["iod2019", "nope"]));

        Assert.Contains("--only names 'nope', which is not a source id in the catalogue", ex.Problems);
    }

    [Fact]
    public void WithLocations_OverridesUrlAndDropsPinnedChecksum()
    {
        var yaml = ValidEntry + "\n    sha256: " + new string('a', 64) + "\n";
        var catalogue = SourceCatalogue.Parse(yaml, "/b");

        var moved = catalogue.WithLocations(new Dictionary<string, Uri> { ["iod2019"] = new("http://127.0.0.1:5000/x.csv") });

        Assert.Equal(new Uri("http://127.0.0.1:5000/x.csv"), moved.Sources[0].Location);
        Assert.Null(moved.Sources[0].Sha256);
        Assert.Contains("127.0.0.1", moved.AllowedHosts);
    }

    [Fact]
    public void Load_RepositoryCatalogue_IsValid()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(Inequalities.TestSupport.SharedData.RepoRoot, "data-sources.yml"));

        Assert.All(catalogue.Sources.Where(s => !s.IsFile), s => Assert.Equal("https", s.Location.Scheme));
        Assert.Contains(catalogue.Sources, s => s.Kind == SourceKind.Fingertips);
        Assert.Contains(catalogue.Sources, s => s.Kind == SourceKind.Assets);
    }

    [Fact]
    public void Load_RepositoryCatalogue_GradientsAreFile8HealthOnIod2025AndIod2019CarriedTo2021()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(Inequalities.TestSupport.SharedData.RepoRoot, "data-sources.yml"));
        var gradients = catalogue.Gradients;

        Assert.Equal(
            ["iod2025/imd/national", "iod2025/income/national", "iod2025/income/local", "iod2025/imd/local", "iod2019/imd/national/lsoa2021"],
            gradients.Bases.Select(b => b.Label));
        Assert.Equal([10, 10, 10, 5, 10], gradients.Bases.Select(b => b.Quantiles));
        Assert.Equal(["iod2025-file8-health", "iod2019-file8-health"], gradients.Indicators);
        Assert.False(gradients.IncludeInherited);
        Assert.Equal(10_000, gradients.Repetitions);
        foreach (var id in gradients.Indicators)
        {
            // Enabled LSOA-level workbooks (File 8, the health sheet) whose every indicator says which way is worse.
            var source = catalogue.Sources.Single(s => s.Id == id);
            Assert.True(source.Enabled);
            Assert.Equal((SourceKind.Indicator, SourceFormat.Xlsx, GeographyLevel.Lsoa), (source.Kind, source.Format, source.Geography));
            Assert.EndsWith(" Health Domain", source.Sheet, StringComparison.Ordinal);
            var indicators = source.Columns.Keys.Where(k => k.StartsWith("value.", StringComparison.Ordinal)).Select(k => k["value.".Length..]).ToList();
            Assert.Equal(4, indicators.Count);
            Assert.All(indicators, i => Assert.Equal(IndicatorPolarity.HigherIsWorse, source.IndicatorMetadata!.For(i)!.Polarity));
        }
    }
}
