using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>
/// Co-operatives UK's registers in their two real layouts (the shared 2023 Digital Commons file and the publisher's
/// 2017 file), the category mapping and Companies House numbers.
/// </summary>
public sealed class CoopsUkLayoutTests
{
    [Theory]
    [InlineData("Birkenhead Credit Union Limited", "Society", "Membership associations, social clubs and trade unions", null, null, null, "finance_and_credit_unions")]
    [InlineData("Any Co-op", "Credit Union", null, null, null, null, "finance_and_credit_unions")]
    [InlineData("Tenants Co-op", "Society", "Housing", null, null, null, "housing")]
    [InlineData("Club", "Society", "Membership associations, social clubs and trade unions", null, null, null, "community_and_clubs")]
    [InlineData("Makers", "Company", "Manufacturing", null, null, null, "other")]
    [InlineData("Farm", "Society", null, "https://dev.lod.coop/essglobal/2.1/standard/activities-ica/ICA10", null, null, "agriculture")]
    [InlineData("Homes", "Society", null, null, "https://dev.lod.coop/essglobal/2.1/standard/organisational-structure/OS70", null, "housing")]
    [InlineData("Shop", "Society", null, null, null, "UKSIC07-4711", "retail")]
    [InlineData("Carers CIC", "Community Interest Company", "88990 - Other social work activities n.e.c.", null, null, null, "care")]
    [InlineData("Big Club", "Society", "1000 members meet weekly", null, null, null, null)]
    [InlineData("Misc", "Society", null, "https://dev.lod.coop/essglobal/2.1/standard/activities-ica/ICA280", null, "70229", null)]
    public void Classify_RegisterFields_TheDocumentedRuleFirstMatchWins(string name, string? legalForm, string? sector, string? activity, string? structure, string? sic, string? expected)
    {
        Assert.Equal(expected, AssetCategories.Classify(name, legalForm, sector, activity, structure, sic));
    }

    [Theory]
    [InlineData("3231583", "03231583")]
    [InlineData(" sc399880 ", "SC399880")]
    [InlineData("08599669", "08599669")]
    [InlineData("525R", null)]
    [InlineData("123456789", null)]
    [InlineData("", null)]
    public void Normalise_CompaniesHouseNumbers_PaddedAndUpperCasedOrNull(string text, string? expected)
    {
        Assert.Equal(expected, CompanyNumbers.Normalise(text));
    }

    [Fact]
    public void Parse_Real2023File_EveryRowWithItsPostcodeCentroidAndCategory()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
        var source = catalogue["coops-uk-2023"];

        var data = AssetParser.Parse(source, source.Location.LocalPath);

        // 7,387 organisations, quoted line breaks in addresses read as CSV; the four without a postcode are kept (rejected as no_postcode by the lake).
        Assert.Equal(7_387, data.Records.Count);
        Assert.Empty(data.Rejected);
        Assert.All(data.Records, r => Assert.True(r.Active));
        Assert.Equal(7_387 - 297, data.Records.Count(r => r.Point is not null));
        Assert.Equal(SharedRegisters.Coops2023.Count(r => r["Companies House Number"].Length > 0), data.Records.Count(r => r.CompanyNumber is not null));
        Assert.Equal(SharedRegisters.Coops2023.Count(r => r["Sector"] == "Housing"), data.Records.Count(r => r.Category == AssetCategories.Housing));
        Assert.DoesNotContain(data.Records, r => r.Category is "uncategorised" or "cooperative");
        Assert.Equal("coops-uk", data.Register);
    }

    [Fact]
    public void Parse_Real2017File_DeadAreInactiveAndCompaniesHouseRegistrationsCarryTheirNumber()
    {
        var catalogue = SourceCatalogue.Load(Path.Combine(SharedData.RepoRoot, "tests", "data-sources.shared.yml"));
        var source = catalogue["coops-uk-2017"];

        var data = AssetParser.Parse(source, source.Location.LocalPath);

        var raw = SharedRegisters.Coops2017;
        Assert.Equal(raw.Count, data.Records.Count);
        Assert.Equal(raw.Count(r => r["Registered Status"] == "Dead"), data.Records.Count(r => !r.Active));
        Assert.Equal(raw.Count(r => r["Registrar"] == "Companies House" && r["Registered Number"].Length > 0), data.Records.Count(r => r.CompanyNumber is not null));
        var group = data.Records.Single(r => r.AssetId == "R000001");
        Assert.Equal(AssetCategories.Retail, group.Category);
        Assert.Equal("Society", group.LegalForm);
        Assert.Null(group.CompanyNumber);
    }
}
