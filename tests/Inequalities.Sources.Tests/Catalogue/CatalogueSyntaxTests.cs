using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Tests.Catalogue;

/// <summary>
/// The catalogue syntax for live publishers: <c>format: arcgis</c>, patterns in <c>allowed_hosts</c>, <c>mirrors:</c>,
/// <c>{month:FORMAT}</c> templates with <c>fallback_months</c>, and header aliases; valid forms and the exact messages
/// of invalid ones.
/// </summary>
public sealed class CatalogueSyntaxTests
{
    private const string Head = "version: 1\n";

    private static string Lookup(string id, string url, string format = "csv", string columns = "lad_code: LAD24CD\n      rgn_code: RGN24CD", params string[] extra) =>
        $"""
          - id: {id}
            kind: lookup
            publisher: ONS
            licence: OGL-3.0
            url: {url}
            format: {format}
            geography: lad
            columns:
              {columns}

        """ + string.Concat(extra.Select(e => "    " + e + "\n"));

    private static SourceCatalogue Parse(string yaml) => SourceCatalogue.Parse(yaml, "/base", "c.yml");

    private static IReadOnlyList<string> Problems(string yaml) => Assert.Throws<CatalogueException>(() => Parse(yaml)).Problems;

    [Fact]
    public void Parse_ArcGisLayer_ReadsFormatUrlAndOptions()
    {
        var yaml = Head + "sources:\n" + Lookup(
            "wards",
            "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/LSOA21_WD24_LAD24_EW_LU/FeatureServer/0",
            "arcgis",
            "lsoa21_code: LSOA21CD\n      lad_code: LAD24CD",
            "options:",
            "  where: LAD24CD = 'E08000012'",
            "  return_geometry: \"false\"",
            "  out_sr: \"27700\"");

        var source = Assert.Single(Parse(yaml).Sources);

        Assert.Equal(SourceFormat.ArcGis, source.Format);
        Assert.Equal("services1.arcgis.com", source.Location.IdnHost);
        Assert.Equal("LAD24CD = 'E08000012'", source.Options.ArcGis.Where);
        Assert.Equal(27700, source.Options.ArcGis.OutSr);
        Assert.False(source.Options.ArcGis.ReturnsGeometry(source.Kind));
    }

    [Fact]
    public void Parse_BadArcGisEntries_ReportEachProblem()
    {
        var yaml = Head + "sources:\n" +
            Lookup("a", "https://services1.arcgis.com/x/arcgis/rest/services/L/FeatureServer/0/query?where=1%3D1", "arcgis") +
            Lookup("b", "https://services1.arcgis.com/x/arcgis/rest/services/L/FeatureServer/0", "arcgis", extra: ["options:", "  return_geometry: maybe", "  out_sr: wgs84"]) +
            Lookup("c", "https://example.org/f.zip", "zip", extra: ["member: f.csv", "member_format: arcgis"]);

        Assert.Equal(
            [
                "c.yml:7: source 'a' field 'url': 'https://services1.arcgis.com/x/arcgis/rest/services/L/FeatureServer/0/query?where=1%3D1' must be an ArcGIS layer URL ending in /FeatureServer/<n> or /MapServer/<n>, without a query (the fetcher writes the queries)",
                "c.yml:24: source 'b' field 'options.return_geometry': 'maybe' is not true or false",
                "c.yml:24: source 'b' field 'options.out_sr': 'wgs84' is not a spatial reference id (a positive whole number such as 4326 or 27700)",
                "c.yml:37: source 'c' field 'member_format': 'arcgis' is not one of csv, xlsx, json, geojson",
            ],
            Problems(yaml));
    }

    [Fact]
    public void Parse_AllowedHostPatterns_KeepsExactHostsAndSafePatterns()
    {
        var yaml = Head + "allowed_hosts:\n  - \"*.arcgis.com\"\n  - ago-item-storage.s3.amazonaws.com\n  - \"*.s3.amazonaws.com\"\nsources:\n" +
            Lookup("x", "https://www.arcgis.com/sharing/rest/content/items/abc/data");

        var hosts = Parse(yaml).AllowedHosts;

        Assert.Contains("*.arcgis.com", hosts);
        Assert.Contains("ago-item-storage.s3.amazonaws.com", hosts);
        Assert.True(HostPatterns.IsAllowed("stg-arcgisazurecdataprod1.az.arcgis.com", hosts));
        Assert.True(HostPatterns.IsAllowed("HUB.ArcGIS.com", hosts));
        Assert.True(HostPatterns.IsAllowed("bucket.s3.amazonaws.com", hosts));
        Assert.False(HostPatterns.IsAllowed("evilarcgis.com", hosts));
        Assert.False(HostPatterns.IsAllowed("arcgis.com.evil.example", hosts));
        Assert.False(HostPatterns.IsAllowed("arcgis.com", hosts));
        Assert.False(HostPatterns.IsAllowed("s3.amazonaws.com", hosts));
    }

    [Fact]
    public void Parse_UnsafeAllowedHosts_AreRefusedWithTheReason()
    {
        var yaml = Head + "allowed_hosts:\n  - \"*\"\n  - \"*.com\"\n  - https://www.arcgis.com\n  - www.arcgis.com/data\n  - \"a.*.com\"\n  - \"*arcgis.com\"\n  - \"host:8080\"\nsources:\n" +
            Lookup("x", "https://example.org/x.csv");

        Assert.Equal(
            [
                "c.yml:3: field 'allowed_hosts': '*' would allow every host; name the hosts, or use a suffix pattern such as *.arcgis.com",
                "c.yml:4: field 'allowed_hosts': '*.com' is too broad: a pattern needs a domain of at least two labels after '*.' (e.g. *.arcgis.com)",
                "c.yml:5: field 'allowed_hosts': 'https://www.arcgis.com' must be a host name without a scheme (e.g. www.arcgis.com)",
                "c.yml:6: field 'allowed_hosts': 'www.arcgis.com/data' must be a host name without a path",
                "c.yml:7: field 'allowed_hosts': 'a.*.com': '*' is allowed only as the whole first label of a pattern (e.g. *.arcgis.com)",
                "c.yml:8: field 'allowed_hosts': '*arcgis.com': '*' is allowed only as the whole first label of a pattern (e.g. *.arcgis.com)",
                "c.yml:9: field 'allowed_hosts': 'host:8080' is not a host name",
            ],
            Problems(yaml));
    }

    [Fact]
    public void Parse_Mirrors_AreReadAndCliRulesOverrideTheSamePrefix()
    {
        var yaml = Head + """
            mirrors:
              - prefix: https://services1.arcgis.com/
                url: https://gis-mirror.nhs.example/services1/
              - prefix: https://www.arcgis.com/
                url: https://gis-mirror.nhs.example/www/
            sources:

            """ + Lookup("x", "https://example.org/x.csv");

        var catalogue = Parse(yaml).WithMirrors(["https://services1.arcgis.com/=http://127.0.0.2:8080/s1/", "https://services1.arcgis.com/ESMAR/=http://127.0.0.1:9000/esmar/"]);

        Assert.Equal(3, catalogue.Mirrors.Count);
        Assert.Equal("https://gis-mirror.nhs.example/www/", catalogue.Mirrors.Single(m => m.Prefix == "https://www.arcgis.com/").Url);
        Assert.Equal("http://127.0.0.2:8080/s1/", catalogue.Mirrors.Single(m => m.Prefix == "https://services1.arcgis.com/").Url);
        var (general, rule) = MirrorRule.Rewrite(catalogue.Mirrors, new Uri("https://services1.arcgis.com/OTHER/arcgis/rest/services/L/FeatureServer/0?f=json"));
        Assert.Equal("http://127.0.0.2:8080/s1/OTHER/arcgis/rest/services/L/FeatureServer/0?f=json", general.AbsoluteUri);
        Assert.Equal("https://services1.arcgis.com/", rule!.Prefix);
        var (longest, _) = MirrorRule.Rewrite(catalogue.Mirrors, new Uri("https://services1.arcgis.com/ESMAR/x/query?where=1%3D1"));
        Assert.Equal("http://127.0.0.1:9000/esmar/x/query?where=1%3D1", longest.AbsoluteUri);
        var (untouched, none) = MirrorRule.Rewrite(catalogue.Mirrors, new Uri("https://example.org/x.csv"));
        Assert.Equal("https://example.org/x.csv", untouched.AbsoluteUri);
        Assert.Null(none);
        Assert.Equal(new Uri("https://www.arcgis.com/sharing/x"), MirrorRule.Unmirror(catalogue.Mirrors, new Uri("https://gis-mirror.nhs.example/www/sharing/x")));
    }

    [Fact]
    public void Parse_BadMirrors_ReportEachProblem()
    {
        var yaml = Head + """
            mirrors:
              - prefix: https://services1.arcgis.com
                url: http://gis-mirror.nhs.example/services1/
              - prefix: https://www.arcgis.com/
              - prefix: https://a.example/
                url: https://m.example/a/
              - prefix: https://a.example/
                url: https://m.example/b/
            sources:

            """ + Lookup("x", "https://example.org/x.csv");

        Assert.Equal(
            [
                "c.yml:3: field 'mirrors': the prefix 'https://services1.arcgis.com' must be an absolute http or https URL ending with '/' (e.g. https://services1.arcgis.com/)",
                "c.yml:3: field 'mirrors': the mirror URL 'http://gis-mirror.nhs.example/services1/' must use https (plain http only for a loopback address such as 127.0.0.1)",
                "c.yml:5: field 'mirrors.url': is required (a mirror maps a publisher URL prefix to a mirror URL)",
                "c.yml:8: field 'mirrors.prefix': 'https://a.example/' is given twice (first at line 6)",
            ],
            Problems(yaml));
    }

    [Fact]
    public void WithMirrors_BadCommandLineRules_ListEveryProblem()
    {
        var catalogue = Parse(Head + "sources:\n" + Lookup("x", "https://example.org/x.csv"));

        var ex = Assert.Throws<CatalogueException>(() => catalogue.WithMirrors(["nothing-here", "ftp://a.example/=http://127.0.0.1:1/", "https://a.example/=ftp://m.example/", "https://b.example/=https://m.example/b"]));

        Assert.Equal(
            [
                "--mirror 'nothing-here': expected PREFIX=URL (e.g. https://services1.arcgis.com/=https://gis-mirror.example/services1/)",
                "--mirror 'ftp://a.example/=http://127.0.0.1:1/': the prefix 'ftp://a.example/' must be an absolute http or https URL ending with '/' (e.g. https://services1.arcgis.com/)",
                "--mirror 'https://a.example/=ftp://m.example/': the mirror URL 'ftp://m.example/' must be an absolute http or https URL ending with '/'",
                "--mirror 'https://b.example/=https://m.example/b': the mirror URL 'https://m.example/b' must be an absolute http or https URL ending with '/'",
            ],
            ex.Problems);
    }

    [Fact]
    public void Parse_MonthTemplates_KeepTheTemplateAndResolvePerMonth()
    {
        var yaml = Head + "sources:\n" + Lookup(
            "ch",
            "https://download.companieshouse.gov.uk/BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.zip",
            "zip",
            extra: ["member: BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.csv", "member_format: csv", "fallback_months: 2"]);

        var source = Assert.Single(Parse(yaml).Sources);
        var november = source.ForMonth(new DateOnly(2025, 11, 17));

        Assert.True(source.IsTemplated);
        Assert.Equal(2, source.FallbackMonths);
        Assert.Equal("https://download.companieshouse.gov.uk/BasicCompanyDataAsOneFile-{month:yyyy-MM}-01.zip", source.Url);
        Assert.Equal("https://download.companieshouse.gov.uk/BasicCompanyDataAsOneFile-2025-11-01.zip", november.Location.AbsoluteUri);
        Assert.Equal("BasicCompanyDataAsOneFile-2025-11-01.csv", november.Member);
        Assert.False(november.IsTemplated);
        Assert.Equal("open_data_organisations_2024_07.csv", MonthTemplate.Resolve("open_data_organisations_{month:yyyy_MM}.csv", new DateOnly(2024, 7, 31)));
        Assert.Equal("Nov 2025/11/01", MonthTemplate.Resolve("{month:MMM yyyy/MM/dd}", new DateOnly(2025, 11, 30)));
        Assert.Equal("m3-2026", MonthTemplate.Resolve("m{month:M}-{month:yyyy}", new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Parse_BadTemplates_AreReportedWithEntryAndField()
    {
        var yaml = Head + "sources:\n" +
            Lookup("a", "https://example.org/{year}/f.csv") +
            Lookup("b", "https://example.org/{month:HH}/f-{month:yyyy-MM.csv") +
            Lookup("c", "https://{month:yyyy}.example.org/f.csv") +
            Lookup("d", "https://example.org/f.zip", "zip", extra: ["member: f-{month:yyyyy}.csv", "member_format: csv"]) +
            Lookup("e", "https://example.org/f-{month:yyyy-MM}.csv", extra: ["fallback_months: 13"]) +
            Lookup("f", "https://example.org/f.csv", extra: ["fallback_months: 3"]);

        Assert.Equal(
            [
                "c.yml:7: source 'a' field 'url': '{year}' is not a known token (expected {month:FORMAT}, e.g. {month:yyyy-MM})",
                "c.yml:17: source 'b' field 'url': '{month:HH}' has the format 'HH'; a month format uses yyyy or yy, M to MMMM, d or dd and the separators - _ . / and space (e.g. {month:yyyy-MM})",
                "c.yml:17: source 'b' field 'url': has a '{' without a matching '}'",
                "c.yml:27: source 'c' field 'url': 'https://{month:yyyy}.example.org/f.csv' is not a valid absolute URL with {month:FORMAT} tokens in its path or query only",
                "c.yml:33: source 'd' field 'member': '{month:yyyyy}' has the format 'yyyyy'; a month format uses yyyy or yy, M to MMMM, d or dd and the separators - _ . / and space (e.g. {month:yyyy-MM})",
                "c.yml:55: source 'e' field 'fallback_months': '13' is not a whole number from 0 to 12",
                "c.yml:66: source 'f' field 'fallback_months': is only used when the url or member has a {month:FORMAT} token",
            ],
            Problems(yaml));
    }

    [Fact]
    public void Parse_HeaderAliases_KeepThePrimaryHeaderAndEveryAlias()
    {
        var yaml = Head + "sources:\n" + Lookup("x", "https://example.org/x.csv", columns: "lad_code: [lad25cd, lad24cd, oslaua]\n      rgn_code: RGN24CD");

        var source = Assert.Single(Parse(yaml).Sources);

        Assert.Equal("lad25cd", source.Column("lad_code"));
        Assert.Equal(["lad25cd", "lad24cd", "oslaua"], source.AcceptedHeaders("lad_code"));
        Assert.Equal(["RGN24CD"], source.AcceptedHeaders("rgn_code"));
        Assert.False(source.ColumnAliases.ContainsKey("rgn_code"));
        Assert.Empty(source.AcceptedHeaders("cauth_code"));
    }

    [Fact]
    public void Parse_BadHeaderAliases_AreReported()
    {
        var yaml = Head + "sources:\n" + Lookup("x", "https://example.org/x.csv", columns: "lad_code: []\n      rgn_code: [RGN24CD, RGN24CD]\n      cauth_code: [a, {b: c}]");

        Assert.Equal(
            [
                "c.yml:11: source 'x' field 'columns.lad_code': must map a name to a header, or to a non-empty list of accepted headers",
                "c.yml:12: source 'x' field 'columns.rgn_code': lists the same header twice",
                "c.yml:13: source 'x' field 'columns.cauth_code': must map a name to a header, or to a non-empty list of accepted headers",
                "c.yml:3: source 'x' field 'columns': kind 'lookup' needs two '<area>_code' fields",
            ],
            Problems(yaml));
    }
}
