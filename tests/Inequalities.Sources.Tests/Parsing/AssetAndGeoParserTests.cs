using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

public sealed class AssetAndGeoParserTests
{
    private static SourceDefinition Entry(string directory, string yamlEntry) =>
        SourceCatalogue.Parse("version: 1\nsources:\n" + yamlEntry, directory).Sources[0];

    private const string RegisterEntry = """
          - id: local-register
            kind: assets
            publisher: Test
            licence: OGL-3.0
            url: register.csv
            format: csv
            geography: point
            options:
              category: local_directory
            columns:
              asset_id: id
              name: name
              category: category
              postcode: postcode
              latitude: latitude
              longitude: longitude
              lsoa_code: lsoa
              status: status
        """;

    [Fact]
    public void Parse_MalformedRows_AreReportedWithSourceRowAndReasonAndTheRestKept()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("register.csv"), """
            id,name,category,postcode,latitude,longitude,lsoa,status
            A1,Food Bank,Food,L1 0AA,,,,active
            A2,,youth,L2 2BB,,,,active
            A3,Bike Hub,,,53.4,north,,active
            A4,Garden,environment,,53.4,,,active
            A5,Swapped,,,-2.98,53.40,,active
            A6,Nowhere,,,,,,active
            A7,Bad Lsoa,,,,,E0100,active
            A1,Duplicate,,L1 0AA,,,,active
            A9,Closed Pantry,food,,53.41,-2.97,,Closed
            A10,By Lsoa,,,,,E01006412,
            """);
        var source = Entry(dir.Path, RegisterEntry);

        var data = AssetParser.Parse(source, dir.Combine("register.csv"));

        // A row with nothing to place it with is kept: the lake rejects it as no_postcode (asset_rejects).
        Assert.Equal(["A1", "A6", "A9", "A10"], data.Records.Select(r => r.AssetId));
        Assert.Equal(
        [
            "source 'local-register' row 2: column 'name' (header 'name'): is empty; every asset needs a name",
            "source 'local-register' row 3: column 'longitude' (header 'longitude'): 'north' is not a number",
            "source 'local-register' row 4: has a latitude but no longitude; give both or neither",
            "source 'local-register' row 5: latitude -2.98 and longitude 53.4 look swapped (the UK is at latitude 49 to 61, longitude -9 to 2)",
            "source 'local-register' row 7: column 'lsoa_code' (header 'lsoa'): 'E0100' is not a GSS code (a letter and 8 digits, e.g. E01006512)",
            "source 'local-register' row 8: column 'asset_id' (header 'id'): 'A1' appears again (first at row 1); each asset must have its own id",
        ],
            data.Rejected.Select(r => r.ToString()));
        var first = data.Records[0];
        Assert.Equal("food", first.Category);
        Assert.True(first.Active);
        Assert.True(data.Records[1] is { Postcode: null, Point: null, LsoaCode: null });
        Assert.False(data.Records[2].Active);
        Assert.Equal(new GeoPoint(-2.97, 53.41), data.Records[2].Point);
        Assert.Equal("local_directory", data.Records[3].Category);
        Assert.Equal("E01006412", data.Records[3].LsoaCode);
    }

    [Fact]
    public void Parse_LinkedCharities_OneAssetPerCharityAndLinkedNumber()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("charities.csv"), """
            registered_charity_number,linked_charity_number,charity_name,charity_contact_postcode,charity_registration_status
            1000001,0,Main Charity,L1 0AA,Registered
            1000001,1,Main Charity Youth Branch,L2 2BB,Registered
            1000001,2,Main Charity Old Branch,L2 2BB,Removed
            1000002,,Other Charity,L3 3CC,Registered
            1000001,1,Repeated Branch,L2 2BB,Registered
            1000003,one,Bad Link,L3 3CC,Registered
            """);
        var source = Entry(dir.Path, """
              - id: charity-commission
                kind: assets
                publisher: Charity Commission
                licence: OGL-3.0
                url: charities.csv
                format: csv
                geography: point
                columns:
                  asset_id: registered_charity_number
                  linked_id: linked_charity_number
                  name: charity_name
                  postcode: charity_contact_postcode
                  status: charity_registration_status
            """);

        var data = AssetParser.Parse(source, dir.Combine("charities.csv"));

        Assert.Equal(["1000001", "1000001-1", "1000001-2", "1000002"], data.Records.Select(r => r.AssetId));
        Assert.Equal([true, true, false, true], data.Records.Select(r => r.Active));
        Assert.Equal(
        [
            "source 'charity-commission' row 5: column 'asset_id' (header 'registered_charity_number'): '1000001-1' appears again (first at row 2); each asset must have its own id",
            "source 'charity-commission' row 6: column 'linked_id' (header 'linked_charity_number'): 'one' is not a linked number (a whole number, 0 for the main entry)",
        ],
            data.Rejected.Select(r => r.ToString()));
    }

    [Fact]
    public void Parse_CooperativesRegisteredStatusDead_IsInactive()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("coops.csv"), """
            CUK Organisation ID,Registered Name,Registered Postcode,Registered Status
            1,Live Co-op,L1 0AA,Live
            2,Dead Co-op,L1 0AA,Dead
            """);
        var source = Entry(dir.Path, """
              - id: coops-uk
                kind: assets
                publisher: Co-operatives UK
                licence: ODC-By-1.0
                url: coops.csv
                format: csv
                geography: point
                columns:
                  asset_id: CUK Organisation ID
                  name: Registered Name
                  postcode: Registered Postcode
                  status: Registered Status
            """);

        var data = AssetParser.Parse(source, dir.Combine("coops.csv"));

        Assert.Equal([true, false], data.Records.Select(r => r.Active));
    }

    [Fact]
    public void Parse_FilterOption_KeepsOnlyMatchingRowsAndCountsTheRest()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("companies.csv"), """
            CompanyName, CompanyNumber,RegAddress.PostCode,CompanyCategory,CompanyStatus
            Good Food CIC,01,L1 0AA,Community Interest Company,Active
            Big Ltd,02,L1 0AB,Private Limited Company,Active
            Old CIC,03,L1 0AC,community interest company,Dissolved
            """);
        var source = Entry(dir.Path, """
              - id: cic
                kind: assets
                publisher: Companies House
                licence: OGL-3.0
                url: companies.csv
                format: csv
                geography: point
                options:
                  category: community_interest_company
                  filter_field: company_type
                  filter_value: Community Interest Company
                columns:
                  name: CompanyName
                  asset_id: CompanyNumber
                  postcode: RegAddress.PostCode
                  company_type: CompanyCategory
                  status: CompanyStatus
            """);

        var data = AssetParser.Parse(source, dir.Combine("companies.csv"));

        Assert.Equal(["Good Food CIC", "Old CIC"], data.Records.Select(r => r.Name));
        Assert.Equal(1, data.Skipped["company_type is not 'Community Interest Company'"]);
        Assert.Equal([true, false], data.Records.Select(r => r.Active));
        Assert.All(data.Records, r => Assert.Equal("community_interest_company", r.Category));
    }

    [Fact]
    public void Parse_RegisterWithoutNameHeader_FailsForTheWholeSource()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("register.csv"), "id,title,postcode\nA1,Food Bank,L1 0AA\n");
        var source = Entry(dir.Path, RegisterEntry);

        var ex = Assert.Throws<SourceDataException>(() => AssetParser.Parse(source, dir.Combine("register.csv")));

        Assert.StartsWith("source 'local-register': the file has no 'name' (for name)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("l1 0aa", "L10AA")]
    [InlineData(" CH41  1AB ", "CH411AB")]
    [InlineData("WA7 1XY", "WA71XY")]
    [InlineData("EC1A 1BB", "EC1A1BB")]
    [InlineData("L1", null)]
    [InlineData("not a postcode", null)]
    [InlineData("", null)]
    public void Normalise_Postcodes_UpperCaseWithoutSpacesOrNull(string text, string? expected)
    {
        Assert.Equal(expected, PostcodeParser.Normalise(text));
    }

    [Fact]
    public void PostcodeParse_KeepsWantedIncludingTerminated()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("onspd.csv"), """
            pcds,dointr,doterm,lsoa11,lsoa21,lat,long
            L1 0AA,199801,,E01006512,E01006512,53.4,-2.98
            L1 0AB,199801,202106,E01006513,E01006513,53.41,-2.97
            L1 0AC,199801,,E01006514,E01006514,99.999999,0.000000
            AB1 0AA,199801,,S01000001,S01000001,57.1,-2.1
            """);
        var source = Entry(dir.Path, """
              - id: onspd
                kind: postcodes
                publisher: ONS
                licence: OGL-3.0
                url: onspd.csv
                format: csv
                geography: postcode
                columns:
                  postcode: pcds
                  introduced: dointr
                  terminated: doterm
                  lsoa11_code: lsoa11
                  lsoa21_code: lsoa21
                  latitude: lat
                  longitude: long
            """);

        var directory = PostcodeParser.Parse(source, dir.Combine("onspd.csv"), new HashSet<string> { "L10AB", "L10AC", "AB10AA" });

        Assert.Equal(4, directory.RowsRead);
        Assert.Equal(3, directory.Entries.Count);
        Assert.Null(directory.Find("L1 0AA"));
        var terminated = directory.Find("l10ab")!;
        Assert.Equal("202106", terminated.Terminated);
        Assert.Equal("E01006513", terminated.Lsoa21);
        Assert.Null(directory.Find("L1 0AC")!.Point);
        Assert.Null(directory.Find("AB1 0AA")!.Lsoa21);
    }

    [Fact]
    public void Boundaries_RealLcrLsoa2021File_ParsesEveryFeatureAndLocatesHandCheckedPoints()
    {
        var source = Entry(SharedData.DataDirectory, """
              - id: boundaries-lsoa21
                kind: boundaries
                publisher: ONS
                licence: OGL-3.0
                url: boundaries_lsoa21_LCR.geojson
                format: geojson
                geography: lsoa
                vintage: 2021
                columns:
                  area_code: lsoa21_code
                  area_name: lsoa21_name
            """);

        var data = GeoParsers.Boundaries(source, SharedData.DataFile("boundaries_lsoa21_LCR.geojson"));
        var index = new PolygonIndex(data.Areas);

        Assert.Equal(1003, data.Areas.Count);
        Assert.Equal(4, data.Areas.Count(a => a.PolygonCount > 1));
        Assert.Equal("Knowsley 006A", data.Names[data.Areas.ToList().FindIndex(a => a.Code == "E01006412")]);

        // E01006412 is a convex quadrilateral; (-2.86702, 53.43977) is the mean of its vertices (inside by the
        // cross-product test); the two others lie just outside it, in its neighbours E01006439 and E01006671.
        Assert.Equal("E01006412", index[index.Locate(-2.86702, 53.43977)].Code);
        Assert.Equal("E01006439", index[index.Locate(-2.8590, 53.4410)].Code);
        Assert.Equal("E01006671", index[index.Locate(-2.8705, 53.4420)].Code);

        // E01006936 is a MultiPolygon: a point in each of its two parts.
        Assert.Equal("E01006936", index[index.Locate(-3.0483235, 53.489993)].Code);
        Assert.Equal("E01006936", index[index.Locate(-3.0612696, 53.5046146)].Code);

        // Outside the city region.
        Assert.Equal(-1, index.Locate(-3.2, 53.0));
    }

    [Fact]
    public void Boundaries_FeatureWithPointGeometry_NamesSourceFeatureAndArea()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("b.geojson"), """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"E01000001"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
              {"type":"Feature","properties":{"code":"E01000002"},"geometry":{"type":"Point","coordinates":[0,0]}}]}
            """);
        var source = Entry(dir.Path, """
              - id: b
                kind: boundaries
                publisher: ONS
                licence: OGL-3.0
                url: b.geojson
                format: geojson
                geography: lsoa
                columns:
                  area_code: code
            """);

        var ex = Assert.Throws<SourceDataException>(() => GeoParsers.Boundaries(source, dir.Combine("b.geojson")));

        Assert.Equal("source 'b' row 2: area E01000002: geometry type 'Point' is not Polygon or MultiPolygon", ex.Message);
    }

    [Fact]
    public void Centroids_RealLsoa11File_ReadsOnePointPerLsoa()
    {
        var source = Entry(SharedData.DataDirectory, """
              - id: c
                kind: centroids
                publisher: ONS
                licence: OGL-3.0
                url: lsoa11_centroids_EW.csv.gz
                format: csv.gz
                geography: lsoa
                vintage: 2011
                columns:
                  area_code: lsoa11_code
                  longitude: longitude
                  latitude: latitude
            """);

        var data = GeoParsers.Centroids(source, SharedData.DataFile("lsoa11_centroids_EW.csv.gz"));

        Assert.Equal(34_753, data.Points.Count);
        Assert.All(data.Points.Values.Take(100), p => Assert.InRange(p.Latitude, 49, 56));
    }
}
