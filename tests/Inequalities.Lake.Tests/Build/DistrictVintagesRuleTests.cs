using Inequalities.Lake.Build;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Tests.Build;

/// <summary>The district-vintage rules on small made-up lookups: one vintage, the ways an LSOA reaches it, and the reports.</summary>
public sealed class DistrictVintagesRuleTests
{
    // LSOA 2011 A splits into 2021 A1 (district D1) and A2 (D2); B and C are unchanged, in D1 and D3.
    private const string A = "E01000001", B = "E01000002", C = "E01000003";
    private const string A1 = "E01100001", A2 = "E01100002", B21 = "E01000002", C21 = "E01000003";
    private const string D1 = "E06000001", D2 = "E06000002", D3 = "E06000003", OldD3 = "E07000003";

    [Fact]
    public void Build_Lsoa2011_TakesTheNewestDistrictOfItsLsoa2021s_ByPopulation()
    {
        var parsed = Catalogue(populationA1: 100, populationA2: 300);

        var model = GeographyModel.Build(parsed);

        var a = model.Areas[2011][A];
        Assert.Equal(D2, a.LadCode); // A2 holds 300 of the 400 people of A's 2021 LSOAs
        Assert.Equal("District 2", a.LadName);
        Assert.Equal(2024, model.Districts.Vintage);
        Assert.Equal(2022, model.Districts.PreviousVintage);
        Assert.Equal("E07000001", a.LadCodePrevious);
        Assert.Contains($"{A} -> {D2} (75% of the population of its LSOA 2021s; also {D1})", model.Districts.Notes["changes"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Lsoa2011WithoutPopulations_TakesTheMajorityThenTheLowerCode()
    {
        var model = GeographyModel.Build(Catalogue(populationA1: null, populationA2: null));

        // One 2021 LSOA in each of D1 and D2: a tie, settled by the lower code.
        Assert.Equal(D1, model.Areas[2011][A].LadCode);
        Assert.Contains("50% of its LSOA 2021s", model.Districts.Notes["changes"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OlderCombinedAuthorityLookup_CarriesUnchangedCodesAndReportsTheRest()
    {
        var parsed = Catalogue(populationA1: 1, populationA2: 1);
        parsed.Lookups.Add(Lookup("cauth", ("lad23_code", [D1, "E07000099"]), ("lad23_name", ["District 1", "Abolished"]), ("cauth23_code", ["E47000001", "E47000001"])));

        var model = GeographyModel.Build(parsed);

        Assert.Equal("E47000001", model.Areas[2021][B21].CauthCode);
        Assert.Null(model.Areas[2021][C21].CauthCode);
        var warning = Assert.Single(model.Districts.Warnings, w => w.Contains("E07000099 (Abolished)", StringComparison.Ordinal));
        Assert.Contains("not LAD 2024 codes, so their combined authority is not carried over", warning, StringComparison.Ordinal);
        Assert.Contains("1 of 2 codes are unchanged", model.Districts.Notes["cauth"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OlderCodeStillCurrent_IsUsed_AChangedOneIsNotAndIsReported()
    {
        var parsed = Catalogue(populationA1: 1, populationA2: 1);

        // A 2021 LSOA the LAD 2024 lookup misses: its LAD 2022 code is still a LAD 2024 code (D1), so it is kept.
        const string Missing = "E01100009", Changed = "E01100010";
        parsed.Lookups.Add(Lookup("old", ("lsoa21_code", [Missing, Changed]), ("lad22_code", [D1, OldD3])));

        var model = GeographyModel.Build(parsed);

        Assert.Equal(D1, model.Areas[2021][Missing].LadCode);
        Assert.Equal("District 1", model.Areas[2021][Missing].LadName);
        Assert.Null(model.Areas[2021][Changed].LadCode);
        Assert.Contains(model.Districts.Warnings, w => w.Contains($"1 of 6 LSOA 2021s have no lad_code (LAD 2024), e.g. {Changed}", StringComparison.Ordinal));
        Assert.Contains("unchanged in LAD 2024", model.Districts.Notes["old"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CatalogueWithoutRegionOrMsoaLookups_SaysWhatIsMissing()
    {
        var parsed = Catalogue(populationA1: 1, populationA2: 1, region: false);

        var model = GeographyModel.Build(parsed);

        Assert.Contains(model.Districts.Warnings, w => w.StartsWith("the catalogue has no district-to-region lookup", StringComparison.Ordinal));
        Assert.Contains(model.Districts.Warnings, w => w.StartsWith("the catalogue has no LSOA 2011 to MSOA 2011 lookup", StringComparison.Ordinal));
        Assert.All(model.Areas[2021].Values, r => Assert.Null(r.RegionCode));
    }

    [Fact]
    public void Build_RegionLookupMissingADistrict_NamesIt()
    {
        var parsed = Catalogue(populationA1: 1, populationA2: 1);
        var model = GeographyModel.Build(parsed);

        // The region lookup lists D1 and D2 only.
        Assert.Equal("E12000001", model.Areas[2011][B].RegionCode);
        Assert.Null(model.Areas[2011][C].RegionCode);
        Assert.Contains(model.Districts.Warnings, w => w == $"1 LSOA 2011s in 1 districts have no region_code: no district-to-region lookup gives {D3}");
    }

    private static ParsedSources Catalogue(double? populationA1, double? populationA2, bool region = true)
    {
        var parsed = new ParsedSources();
        parsed.Lookups.Add(Lookup(
            "changes",
            ("lsoa11_code", [A, A, B, C]),
            ("lsoa21_code", [A1, A2, B21, C21]),
            ("change_code", ["S", "S", "U", "U"]),
            ("lad22_code", ["E07000001", "E07000001", "E07000001", OldD3])));
        parsed.Lookups.Add(Lookup(
            "lad24",
            ("lsoa21_code", [A1, A2, B21, C21]),
            ("lad24_code", [D1, D2, D1, D3]),
            ("lad24_name", ["District 1", "District 2", "District 1", "District 3"])));
        if (region)
        {
            parsed.Lookups.Add(Lookup("region", ("lad24_code", [D1, D2]), ("region24_code", ["E12000001", "E12000001"])));
        }

        if (populationA1 is { } p1 && populationA2 is { } p2)
        {
            parsed.Populations.Add(MadeUpSources.Population("pop", 2021, "2021", [A1, A2, B21, C21], [p1, p2, 50, 50]));
        }

        return parsed;
    }

    private static LookupData Lookup(string id, params (string Field, string?[] Values)[] columns) =>
        new() { SourceId = id, Columns = columns.ToDictionary(c => c.Field, c => Core.Columnar.Column.FromStrings(c.Field, c.Values)) };
}
