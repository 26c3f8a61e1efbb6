using System.Text.Json;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Tests.Catalogue;

/// <summary>
/// The catalogue's settings parsed once, when it loads: schedules, the time zone, sizes, booleans and each kind's
/// options as typed values, and the exact message of each invalid one, every problem at once.
/// </summary>
public sealed class TypedSettingsCatalogueTests
{
    private static string Entry(string id, string kind, string columns, string format = "csv", string geography = "lsoa", params string[] extra) =>
        $"""
          - id: {id}
            kind: {kind}
            publisher: P
            licence: OGL-3.0
            url: {(format == "arcgis" ? ArcGisUrl : $"https://example.org/{id}.{format}")}
            format: {format}
            geography: {geography}
            columns:
              {columns}

        """ + string.Concat(extra.Select(e => "    " + e + "\n"));

    private const string Deprivation = "lsoa_code: code\n      imd.rank: rank";
    private const string Fingertips = "indicator_id: Indicator ID\n      area_code: Area Code\n      area_type: Area Type\n      period: Time period\n      value: Value";
    private const string Assets = "name: Name\n      postcode: Postcode\n      company_type: Type";
    private const string ArcGisUrl = "https://services1.arcgis.com/x/arcgis/rest/services/L/FeatureServer/0";

    private static SourceCatalogue Parse(string yaml) => SourceCatalogue.Parse("version: 1\n" + yaml, "/base", "t.yml");

    private static IReadOnlyList<string> Problems(string yaml) => Assert.Throws<CatalogueException>(() => Parse(yaml)).Problems;

    [Fact]
    public void Parse_Defaults_AreTypedScheduleZoneAndNumbers()
    {
        var catalogue = Parse("defaults:\n  schedule: \"30 3 * * 0\"\n  time_zone: America/New_York\n  max_bytes: 2MiB\n  keep_snapshots: 4\nsources:\n" + Entry("a", "deprivation", Deprivation));

        var defaults = catalogue.Defaults;
        Assert.Equal("30 3 * * 0", defaults.Schedule.Expression);
        Assert.Equal("America/New_York", defaults.TimeZone.Id);
        Assert.Equal((2L * 1024 * 1024, 4), (defaults.MaxBytes, defaults.KeepSnapshots));

        // The parsed expression in the parsed zone: Sunday 29 November 2026 03:30 EST is 08:30 UTC.
        var next = defaults.Schedule.NextAfter(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), defaults.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 8, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Parse_NoDefaults_NightlyInLondon()
    {
        var defaults = Parse("sources:\n" + Entry("a", "deprivation", Deprivation)).Defaults;

        Assert.Equal(CronSchedule.Nightly, defaults.Schedule);
        Assert.Equal("0 2 * * *", defaults.Schedule.Expression);
        Assert.Equal("Europe/London", defaults.TimeZone.Id);

        // British Summer Time resolves from the IANA id with invariant globalization.
        Assert.Equal(TimeSpan.FromHours(1), defaults.TimeZone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Parse_BadDefaults_ReportsEveryOneAtOnce()
    {
        var yaml = "defaults:\n  schedule: nightly\n  time_zone: Europe/Liverpool\n  max_bytes: lots\n  keep_snapshots: \"0\"\nsources:\n" +
            Entry("a", "deprivation", Deprivation, extra: ["enabled: maybe", "schedule: \"61 * * * *\""]);

        Assert.Equal(
            [
                "t.yml:3: field 'defaults.schedule': 'nightly' is not a cron expression of 5 fields (minute hour day month weekday) or 6 (with seconds first)",
                "t.yml:4: field 'defaults.time_zone': 'Europe/Liverpool' is not a known IANA time zone (e.g. Europe/London)",
                "t.yml:5: field 'defaults.max_bytes': 'lots' is not a size (e.g. 200MB, 1GiB or a number of bytes)",
                "t.yml:6: field 'defaults.keep_snapshots': '0' is not a whole number of at least 1",
                "t.yml:19: source 'a' field 'schedule': '61 * * * *' is not a cron expression of 5 fields (minute hour day month weekday) or 6 (with seconds first)",
                "t.yml:18: source 'a' field 'enabled': 'maybe' is not true or false",
            ],
            Problems(yaml));
    }

    [Fact]
    public void Parse_Options_AreTypedValues()
    {
        var yaml = "sources:\n" +
            Entry("dep", "deprivation", Deprivation, extra: ["options:", "  header_row: \"4\"", "  bom: \"TRUE\"", "  thousands_separator: \",\"", "  index_id: iod2019"]) +
            Entry("ft", "fingertips", Fingertips, geography: "mixed", extra: ["options:", "  inherit: \"true\"", "  count_indicators: \"deaths, admissions\"", "  indicator_id: \"93283\"", "  area_type_id: \"3\"", "  period: \"2021\""]) +
            Entry("cic", "assets", Assets, geography: "point", extra: ["options:", "  category: community_interest_company", "  filter_field: company_type", "  filter_value: Community Interest Company"]) +
            Entry("layer", "boundaries", "area_code: LSOA21CD", "arcgis", extra: ["options:", "  out_sr: \"27700\""]);

        var catalogue = Parse(yaml);

        var dep = catalogue["dep"].Options;
        Assert.Equal((4, true, ",", "iod2019"), (dep.HeaderRow, dep.Bom, dep.ThousandsSeparator, dep.IndexId));
        var ft = catalogue["ft"].Options.Indicator;
        Assert.True(ft.Inherit);
        Assert.Equal(["admissions", "deaths"], ft.CountIndicators.Order());
        Assert.Equal(("93283", "3", "2021"), (ft.IndicatorId, ft.AreaTypeId, ft.Period));
        Assert.Equal(new AssetOptions { Category = "community_interest_company", FilterField = "company_type", FilterValue = "Community Interest Company" }, catalogue["cic"].Options.Assets);
        var layer = catalogue["layer"];
        Assert.Equal(("1=1", 27700, true), (layer.Options.ArcGis.Where, layer.Options.ArcGis.OutSr, layer.Options.ArcGis.ReturnsGeometry(layer.Kind)));
        Assert.Equal("27700", layer.OptionText["out_sr"]);
    }

    [Fact]
    public void Parse_NoOptions_EveryDefault()
    {
        var source = Parse("sources:\n" + Entry("a", "deprivation", Deprivation)).Sources[0];

        Assert.Same(SourceOptions.None, source.Options);
        Assert.Equal((1, false, false), (source.Options.HeaderRow, source.Options.Bom, source.Options.Indicator.Inherit));
        Assert.Empty(source.OptionText);
    }

    [Fact]
    public void Parse_BadOptions_ReportsEveryOneWithTheSourceAndOption()
    {
        var yaml = "sources:\n" +
            Entry("dep", "deprivation", Deprivation, extra: ["options:", "  header_row: \"0\"", "  bom: yes", "  inherit: \"true\"", "  indexid: iod2019"]) +
            Entry("ft", "fingertips", Fingertips, geography: "mixed", extra: ["options:", "  inherit: maybe", "  count_indicators: \",\"", "  out_sr: \"-1\""]) +
            Entry("cic", "assets", Assets, geography: "point", extra: ["options:", "  filter_field: company_type"]) +
            Entry("reg", "assets", Assets, geography: "point", extra: ["options:", "  filter_field: kind", "  filter_value: CIC"]);

        Assert.Equal(
            [
                "t.yml:16: source 'dep' field 'options.inherit': is only used by indicator and fingertips sources",
                "t.yml:17: source 'dep' field 'options.indexid': is not a known option (expected one of return_geometry, out_sr, where, header_row, header, column_names, bom, thousands_separator, index_id)",
                "t.yml:14: source 'dep' field 'options.header_row': '0' is not the 1-based row number of the header (a whole number of at least 1)",
                "t.yml:14: source 'dep' field 'options.bom': 'yes' is not true or false",
                "t.yml:32: source 'ft' field 'options.out_sr': '-1' is not a spatial reference id (a positive whole number such as 4326 or 27700)",
                "t.yml:32: source 'ft' field 'options.inherit': 'maybe' is not true or false",
                "t.yml:32: source 'ft' field 'options.count_indicators': ',' lists no indicator ids (give them comma-separated, e.g. deaths,admissions)",
                "t.yml:47: source 'cic' field 'options.filter_value': is required with the other: filter_field and filter_value go together; give both or neither",
                "t.yml:60: source 'reg' field 'options.filter_field': 'kind' is not one of this source's columns (map it under columns: to filter on it)",
            ],
            Problems(yaml));
    }

    [Fact]
    public void CronSchedule_FiveAndSixFields_ParseAndRoundTripAsTheirText()
    {
        Assert.True(CronSchedule.TryParse("*/20 * * * * *", out var seconds));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 20, TimeSpan.Zero), seconds.NextAfter(new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.False(CronSchedule.TryParse("every night", out _));
        Assert.Throws<FormatException>(() => CronSchedule.Parse("* * *"));

        var json = JsonSerializer.Serialize(new CatalogueDefaults { Schedule = CronSchedule.Parse("0 3 * * 0") });
        Assert.Contains("\"Schedule\":\"0 3 * * 0\"", json, StringComparison.Ordinal);
        Assert.Contains("\"TimeZone\":\"Europe/London\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<CatalogueDefaults>(json)!;
        Assert.Equal(("0 3 * * 0", "Europe/London"), (back.Schedule.Expression, back.TimeZone.Id));
    }

    [Fact]
    public void SourceOptions_HeaderRowBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SourceOptions { HeaderRow = 0 });
}
