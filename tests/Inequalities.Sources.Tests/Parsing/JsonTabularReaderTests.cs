using System.Text;
using System.Text.Json;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>
/// The JSON reader's rows, streamed element by element whether the records are the root array or the first array of
/// the root object (GeoJSON, an ArcGIS answer), and its errors for documents that hold no records or are cut short.
/// </summary>
public sealed class JsonTabularReaderTests
{
    private const string Records = """[{"code":"E01000001","value":1.5,"nested":{"a":[1,2]},"flag":true,"none":null},{"code":"E01000002","value":-2,"flag":false,"extra":"x"}]""";

    private static readonly string[] Headers = ["code", "value", "nested", "flag", "none"];

    private static readonly string[][] Rows =
    [
        ["E01000001", "1.5", """{"a":[1,2]}""", "TRUE", ""],
        ["E01000002", "-2", "", "FALSE", ""],
    ];

    private static MemoryStream Bytes(string text, bool bom = false) =>
        new([.. bom ? Encoding.UTF8.Preamble.ToArray() : [], .. Encoding.UTF8.GetBytes(text)]);

    private static (IReadOnlyList<string> Headers, List<string[]> Rows) ReadAll(Stream stream, string? recordProperty = null)
    {
        using var reader = new JsonTabularReader("s", stream, recordProperty);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            Assert.Equal(rows.Count + 1, reader.Row);
            rows.Add([.. Enumerable.Range(0, reader.Headers.Count).Select(i => reader.Field(i).ToString())]);
        }

        return (reader.Headers.ToList(), rows);
    }

    public static TheoryData<string> Documents => new()
    {
        Records,
        $$$"""  {"records":{{{Records}}},"exceededTransferLimit":true}  """,
        $$$"""{"type":"x","meta":{"list":[1,2],"deep":{"a":[[]]}},"records":{{{Records}}},"more":{"b":[3]},"n":1}""",
        $$$"""{"count":2,"fields":{"k":"v"},"records":{{{Records}}}}""",
        $$$"""{"first":{{{Records}}},"second":[{"code":"other"}]}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Read_RootArrayOrFirstArrayAnywhereInTheObject_GivesTheSameRows(string json)
    {
        var (headers, rows) = ReadAll(Bytes(json));

        Assert.Equal(Headers, headers);
        Assert.Equal(Rows, rows);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Read_WithByteOrderMarkAndOneByteReads_GivesTheSameRows(string json)
    {
        var (headers, rows) = ReadAll(new TrickleStream(Bytes(json, bom: true), 1));

        Assert.Equal(Headers, headers);
        Assert.Equal(Rows, rows);
    }

    [Fact]
    public void Read_GeoJsonPointsAndPolygons_GivesPropertiesAndPointColumns()
    {
        const string Points = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":[
              {"type":"Feature","properties":{"LSOA21CD":"E01000001","n":3},"geometry":{"type":"Point","coordinates":[336123.5,390456]}},
              {"type":"Feature","properties":{"LSOA21CD":"E01000002","n":4},"geometry":null}],
             "exceededTransferLimit":false}
            """;
        const string Polygons = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"LSOA21CD":"E01000003"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}
            """;

        var points = ReadAll(Bytes(Points), "properties");
        var polygons = ReadAll(Bytes(Polygons), "properties");

        Assert.Equal(["LSOA21CD", "n", GeoJsonPoint.X, GeoJsonPoint.Y], points.Headers);
        Assert.Equal([["E01000001", "3", "336123.5", "390456"], ["E01000002", "4", "", ""]], points.Rows);
        Assert.Equal(["LSOA21CD"], polygons.Headers);
        Assert.Equal([["E01000003"]], polygons.Rows);
    }

    [Fact]
    public void Read_FeatureLargerThanTheBuffer_ReadsIt()
    {
        var big = string.Join(',', Enumerable.Range(0, 40_000).Select(i => $"[{i}.25,{i}.5]"));
        var json = $$$"""{"features":[{"properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[{{{big}}}]]}},{"properties":{"code":"B"}}]}""";

        var (headers, rows) = ReadAll(new TrickleStream(Bytes(json), 4096), "properties");

        Assert.Equal(["code"], headers);
        Assert.Equal([["A"], ["B"]], rows);
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[],"next":[{"a":1}]}""")]
    [InlineData("""{"a":1,"b":{"c":[1]}}""")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void Open_NoRecords_SaysTheJsonHoldsNone(string json)
    {
        var ex = Assert.Throws<SourceDataException>(() => new JsonTabularReader("s", Bytes(json), "properties"));

        Assert.Equal("source 's': the JSON holds no records; expected an array of objects", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("""{"type":"FeatureCollection","feat""")]
    [InlineData("""{"type":"FeatureCollection" "features":[]}""")]
    public void Open_NotJson_NamesTheSourceAndTheFile(string json)
    {
        var ex = Assert.Throws<SourceDataException>(() => new JsonTabularReader("s", Bytes(json, bom: true)));

        Assert.Null(ex.Row);
        Assert.StartsWith("source 's': the file is not valid JSON (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CutShortInsideAFeature_NamesTheSourceAndTheRow()
    {
        const string Json = """{"features":[{"properties":{"code":"A"}},{"properties":{"code":"B"}},{"properties":{"code":"C""";
        using var reader = new JsonTabularReader("s", new TrickleStream(Bytes(Json), 7), "properties");

        Assert.True(reader.Read());
        Assert.True(reader.Read());
        var ex = Assert.Throws<SourceDataException>(() => reader.Read());

        Assert.Equal(3, ex.Row);
        Assert.StartsWith("source 's' row 3: the file is not valid JSON (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedAfterTheArray_ReportsTheFileOnceTheRowsAreRead()
    {
        const string Json = """{"features":[{"properties":{"code":"A"}}],"exceededTransferLimit":tru}""";
        using var reader = new JsonTabularReader("s", Bytes(Json), "properties");

        Assert.True(reader.Read());
        var ex = Assert.Throws<SourceDataException>(() => reader.Read());

        Assert.Null(ex.Row);
        Assert.StartsWith("source 's': the file is not valid JSON (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_RecordNotAnObject_NamesRowOne()
    {
        var ex = Assert.Throws<SourceDataException>(() => new JsonTabularReader("s", Bytes("""{"list":[1,2]}""")));

        Assert.Equal($"source 's' row 1: expected a JSON object per record, found {JsonValueKind.Number}", ex.Message);
    }
}

/// <summary>A stream that hands out at most a few bytes per read, as a slow network or archive stream may.</summary>
internal sealed class TrickleStream(Stream inner, int most) : ForwardOnlyStream
{
    public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, most)]);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
