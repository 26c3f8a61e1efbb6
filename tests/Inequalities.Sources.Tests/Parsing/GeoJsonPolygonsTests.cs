using System.Text;
using System.Text.Json;
using Inequalities.Sources.Parsing;

namespace Inequalities.Sources.Tests.Parsing;

public sealed class GeoJsonPolygonsTests
{
    private const string Square = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string? Code(long number, JsonElement feature) =>
        GeoJsonPolygons.Properties(feature) is { ValueKind: JsonValueKind.Object } properties && properties.TryGetProperty("code", out var code) ? code.GetString() : null;

    private static InvalidDataException Problem(long? feature, string problem) => new($"feature {feature?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}: {problem}");

    [Fact]
    public void Read_PolygonAndMultiPolygonWithHole_KeepsChosenFeaturesInOrderWithEveryRing()
    {
        using var stream = Json($$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}},
              {"type":"Feature","properties":{"other":"B"},"geometry":{"type":"Point","coordinates":[0,0]}},
              {"type":"Feature","geometry":null},
              {"type":"Feature","properties":{"code":"C"},"geometry":{"type":"MultiPolygon","coordinates":[
                [[[0,0],[4,0],[4,4],[0,4]],[[1,1],[2,1],[2,2]]],
                {{{Square}}}]}}]}
            """);

        var features = GeoJsonPolygons.Read(stream, Code, Problem);

        Assert.Equal(["A", "C"], features.Select(f => f.Key));
        Assert.Equal([1L, 4L], features.Select(f => f.Number));
        Assert.Equal([0, 0, 1, 0, 1, 1, 0, 1, 0, 0], features[0].Polygons[0][0]);
        Assert.Equal([2, 1], features[1].Polygons.Select(p => p.Length));
        Assert.Equal([1, 1, 2, 1, 2, 2], features[1].Polygons[0][1]);
    }

    [Fact]
    public void Read_SelectingOnHasPolygons_PassesOverPointsAndFeaturesWithoutGeometry()
    {
        using var stream = Json($$$"""
            {"type":"FeatureCollection","features":[
              {"properties":{"code":"P"},"geometry":{"type":"Point","coordinates":[0,0]}},
              {"properties":{"code":"N"},"geometry":null},
              {"properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}}]}
            """);

        var features = GeoJsonPolygons.Read(stream, (n, f) => GeoJsonPolygons.HasPolygons(f) ? Code(n, f) : null, Problem);

        Assert.Equal("A", Assert.Single(features).Key);
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[{"properties":{"code":"A"},"geometry":{"type":"Point","coordinates":[1,2]}}]}""", "feature 1: area A: geometry type 'Point' is not Polygon or MultiPolygon")]
    [InlineData("""{"type":"FeatureCollection","features":[{"properties":{"code":"X"}},{"properties":{"code":"A"},"geometry":null}]}""", "feature 1: area X has no geometry; boundaries need Polygon or MultiPolygon geometries")]
    [InlineData("""{"type":"FeatureCollection","features":[{"properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}}]}""", "feature 1: area A: the Polygon coordinates are not rings of [longitude, latitude] pairs with at least 3 vertices (a ring has 2 vertices)")]
    [InlineData("""{"type":"Feature"}""", "feature -: expected a GeoJSON FeatureCollection with a 'features' array")]
    public void Read_BadFile_ReportsThroughTheCallersErrorWithFeatureAndProblem(string json, string expected)
    {
        using var stream = Json(json);

        var ex = Assert.Throws<InvalidDataException>(() => GeoJsonPolygons.Read(stream, Code, Problem));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Read_NotJson_ReportsTheFileAsAWhole()
    {
        using var stream = Json("{\"type\": ");

        var ex = Assert.Throws<InvalidDataException>(() => GeoJsonPolygons.Read(stream, Code, Problem));

        Assert.StartsWith("feature -: the file is not valid GeoJSON (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FeaturesAfterOtherArraysAndBeforeMoreProperties_ReadsOnlyTheFeatures()
    {
        var bytes = Encoding.UTF8.GetBytes($$$"""
            {"type":"FeatureCollection","bbox":[0,0,1,1],"crs":{"properties":{"list":[1]}},"features":[
              {"properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}}],
             "exceededTransferLimit":true,"extra":[{"properties":{"code":"Z"}}]}
            """);
        using var stream = new TrickleStream(new MemoryStream([.. Encoding.UTF8.Preamble, .. bytes]), 3);

        var features = GeoJsonPolygons.Read(stream, Code, Problem);

        Assert.Equal("A", Assert.Single(features).Key);
        Assert.Equal([0, 0, 1, 0, 1, 1, 0, 1, 0, 0], features[0].Polygons[0][0]);
    }

    [Fact]
    public void Read_EmptyFeaturesArray_GivesNoFeatures()
    {
        using var stream = Json("""{"type":"FeatureCollection","features":[]}""");

        Assert.Empty(GeoJsonPolygons.Read(stream, Code, Problem));
    }

    [Fact]
    public void Read_CutShortInsideAFeature_NamesThatFeature()
    {
        using var stream = Json($$$"""
            {"type":"FeatureCollection","features":[
              {"properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}},
              {"properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,
            """);

        var ex = Assert.Throws<InvalidDataException>(() => GeoJsonPolygons.Read(stream, Code, Problem));

        Assert.StartsWith("feature 2: the file is not valid GeoJSON (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CallersStream_IsLeftOpen()
    {
        using var stream = Json("""{"type":"FeatureCollection","features":[]}""");

        GeoJsonPolygons.Read(stream, Code, Problem);

        Assert.True(stream.CanRead);
    }
}
