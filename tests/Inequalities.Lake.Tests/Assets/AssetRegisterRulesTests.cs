using Inequalities.Core.Spatial;
using Inequalities.Lake.Assets;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Assets;

/// <summary>
/// The rules that turn register rows into counted organisations, on small files written here: merging across
/// registers and editions, and placement on two square LSOAs through two postcode directories.
/// </summary>
public sealed class AssetRegisterRulesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Merge_CompanyNumberRegisterIdAndNameWithPostcode_EachLinksOnceAndIsRecorded()
    {
        var current = Register("coops-2023", "coops", """
            id,name,postcode,company,status
            R1,Kirkby Credit Union Limited,L32 8RR,,
            R2,Everton Housing Co-operative Ltd,L5 1AA,,
            R3,Toxteth Tenants Limited,L8 1AA,01234567,
            """);
        var older = Register("coops-2017", "coops", """
            id,name,postcode,company,status
            R1,Kirkby Credit Union,L32 8RR,,Live
            R4,Closed Club Limited,L1 1AA,,Live
            R5,Gone Society,L2 2AA,,Dead
            """);
        var charities = Register("charities", null, """
            id,name,postcode,company,status
            C1,Toxteth Tenants,L8 9ZZ,1234567,
            C2,The Everton Housing Co-op,L5 1AA,,
            C3,Everton Housing Co-operative,L5 1AA,,
            """);

        var merged = AssetMerging.Merge([current, older, charities]);

        var rules = merged.Merges.Select(m => (m.Kept.Record.AssetId, m.Merged.SourceId, m.Merged.Record.AssetId, m.Rule)).ToList();
        Assert.Equal(
        [
            ("R1", "coops-2017", "R1", AssetMerging.ByRegisterId),
            ("R2", "charities", "C2", AssetMerging.ByNameAndPostcode),
            ("R3", "charities", "C1", AssetMerging.ByCompanyNumber),
        ],
            rules.OrderBy(r => r.Item1, StringComparer.Ordinal));

        // C3 has the same name and postcode as C2 (co-op and co-operative alike), but one register's rows are never merged with each other.
        Assert.Contains(merged.Kept, k => k.Row.Record.AssetId == "C3");
        Assert.Equal(["R4"], merged.Superseded.Keys.Select(r => r.Record.AssetId));
        Assert.Equal("coops-2023", merged.Superseded.Values.Single());

        // The dissolved row is neither merged nor superseded: the lake rejects it as dissolved.
        Assert.Contains(merged.Kept, k => k.Row.Record.AssetId == "R5" && k.MergedFrom.Count == 0);
        Assert.Equal("everton housing cooperative", AssetMerging.NormaliseName("The Everton Housing Co-operative Ltd."));
    }

    [Fact]
    public void Place_EachRoute_RecordsItsMethodPointSourceOrReason()
    {
        var register = Register("register", null, """
            id,name,postcode,company,status,latitude,longitude,lsoa
            A,Inside by coordinates,,,,53.405,-2.995,
            B,Outside by coordinates but its postcode is inside,L1 2BB,,,53.5,-2.5,
            C,Postcode with the directory's LSOA,L1 1AA,,,,,
            D,Postcode in the second directory only,L1 2BB,,,,,
            E,Unknown postcode,ZZ9 9ZZ,,,,,
            F,No postcode,,,,,,
            G,Postcode outside the boundaries,L9 9ZZ,,,,,
            H,By LSOA code,,,,,,E01000002
            """);
        var onspd = Directory("onspd", "pcds,lsoa21,lat,long", "L1 1AA,E01000001,53.402,-2.997\n");
        var codepoint = Directory("codepoint", "pcds,lsoa21,lat,long", "L1 2BB,,53.415,-2.985\nL9 9ZZ,,53.6,-2.4\nL1 1AA,E01000002,53.415,-2.985\n");
        AreaPolygon Square(string code, double west, double south) => new(code, [[[west, south, west + 0.01, south, west + 0.01, south + 0.01, west, south + 0.01]]]);
        var polygons = new PolygonIndex([Square("E01000001", -3.0, 53.4), Square("E01000002", -2.99, 53.41)]);
        var placer = new AssetPlacer(polygons, [onspd, codepoint], new HashSet<string>(["E01000001", "E01000002"], StringComparer.Ordinal), null);

        var placed = register.Records.ToDictionary(r => r.AssetId, r => placer.Place(new RegisterRow("register", 0, null, r)), StringComparer.Ordinal);

        Assert.Equal(("E01000001", AssetPlacements.Coordinates, "register", (string?)null), Summary(placed["A"]));
        Assert.Equal(("E01000002", AssetPlacements.PostcodePoint, "codepoint", (string?)null), Summary(placed["B"]));

        // The first directory listing a postcode wins (ONSPD's LSOA over Code-Point's point).
        Assert.Equal(("E01000001", AssetPlacements.Postcode, "onspd", (string?)null), Summary(placed["C"]));
        Assert.Equal(("E01000002", AssetPlacements.PostcodePoint, "codepoint", (string?)null), Summary(placed["D"]));
        Assert.Equal((null, AssetPlacements.Unplaced, null, AssetRejectReasons.UnknownPostcode), Summary(placed["E"]));
        Assert.Equal((null, AssetPlacements.Unplaced, null, AssetRejectReasons.NoPostcode), Summary(placed["F"]));
        Assert.Equal((null, AssetPlacements.Unplaced, "codepoint", AssetRejectReasons.OutsideBoundaries), Summary(placed["G"]));
        Assert.Equal(("E01000002", AssetPlacements.LsoaCode, null, (string?)null), Summary(placed["H"]));
        Assert.Contains("is not in the postcode directory", placed["E"].Note, StringComparison.Ordinal);
        Assert.Equal(1, placer.UnknownPostcodes["register"].Count);
        Assert.Equal(["ZZ9 9ZZ"], placer.UnknownPostcodes["register"].Examples);
    }

    public void Dispose() => _temp.Dispose();

    private static (string? Lsoa, string Placement, string? PointSource, string? Failure) Summary(PlacedAsset p) => (p.Lsoa, p.Placement, p.PointSource, p.Failure);

    private AssetData Register(string id, string? register, string csv)
    {
        var header = csv.Split('\n')[0];
        var columns = new List<string> { "asset_id: id", "name: name", "postcode: postcode", "company_number: company", "status: status" };
        if (header.Contains("latitude", StringComparison.Ordinal))
        {
            columns.AddRange(["latitude: latitude", "longitude: longitude", "lsoa_code: lsoa"]);
        }

        File.WriteAllText(_temp.Combine(id + ".csv"), csv);
        var source = SourceCatalogue.Parse($"""
            version: 1
            sources:
              - id: {id}
                kind: assets
                publisher: Test
                licence: OGL-3.0
                url: {id}.csv
                format: csv
                geography: point
            {(register is null ? string.Empty : $"    options:\n          register: {register}\n")}    columns:
            {string.Join("\n", columns.Select(c => "          " + c))}
            """, _temp.Path).Sources[0];
        return AssetParser.Parse(source, _temp.Combine(id + ".csv"));
    }

    private PostcodeDirectory Directory(string id, string header, string rows)
    {
        File.WriteAllText(_temp.Combine(id + ".csv"), header + "\n" + rows);
        var source = SourceCatalogue.Parse($"""
            version: 1
            sources:
              - id: {id}
                kind: postcodes
                publisher: Test
                licence: OGL-3.0
                url: {id}.csv
                format: csv
                geography: postcode
                columns:
                  postcode: pcds
                  lsoa21_code: lsoa21
                  latitude: lat
                  longitude: long
            """, _temp.Path).Sources[0];
        return PostcodeParser.Parse(source, _temp.Combine(id + ".csv"), null);
    }
}
