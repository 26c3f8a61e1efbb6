using System.Globalization;
using System.Text;
using Inequalities.Sources.Parsing;
using Inequalities.TestSupport;

namespace Inequalities.Sources.Tests.Parsing;

/// <summary>These tests measure the process's live heap, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "heap measuring (not in parallel)";
}

/// <summary>
/// National layers are tens to hundreds of megabytes of GeoJSON: the JSON readers stream them one feature at a time,
/// so the live heap while reading stays far below the file's size (a whole-document parse holds more than the file).
/// </summary>
[Collection(HeapMeasuringCollection.Name)]
public sealed class JsonStreamingMemoryTests : IDisposable
{
    private const int Features = 200_000;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void JsonTabularReader_LargePointsLayer_LiveHeapStaysFarBelowTheFileSize()
    {
        var path = Write("points.geojson", i =>
            $$$"""{"type":"Feature","properties":{"LSOA21CD":"{{{Code(i)}}}","population":{{{i % 3000}}},"name":"Area number {{{i}}}"},"geometry":{"type":"Point","coordinates":[-2.{{{i:D6}}},53.{{{i:D6}}}]}}""");
        var size = new FileInfo(path).Length;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var rows = 0;
        string[] last = [];

        using (var reader = new JsonTabularReader("points", File.OpenRead(path), "properties"))
        {
            Assert.Equal(["LSOA21CD", "population", "name", GeoJsonPoint.X, GeoJsonPoint.Y], reader.Headers);
            while (reader.Read())
            {
                rows++;
                if (rows % 25_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                last = [.. Enumerable.Range(0, reader.Headers.Count).Select(i => reader.Field(i).ToString())];
            }
        }

        Assert.Equal(Features, rows);
        Assert.Equal([Code(Features - 1), "1999", "Area number 199999", "-2.199999", "53.199999"], last);
        Assert.True(size > 25_000_000, $"the generated file is {size} bytes");
        Assert.True(peak < size / 10, $"live heap grew by {peak} bytes while reading a {size}-byte file");
    }

    [Fact]
    public void GeoJsonPolygons_LargeBoundaryLayer_LiveHeapStaysFarBelowTheFileSize()
    {
        var path = Write("boundaries.geojson", i =>
            $$$"""{"type":"Feature","properties":{"LSOA21CD":"{{{Code(i)}}}"},"geometry":{"type":"Polygon","coordinates":[[[-2.{{{i:D6}}},53.1],[-2.{{{i:D6}}},53.2],[-2.9,53.2],[-2.{{{i:D6}}},53.1]]]}}""");
        var size = new FileInfo(path).Length;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;

        string? Select(long number, System.Text.Json.JsonElement feature)
        {
            if (number % 25_000 != 0)
            {
                return null;
            }

            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            return GeoJsonPolygons.Properties(feature).GetProperty("LSOA21CD").GetString();
        }

        IReadOnlyList<GeoJsonPolygonFeature> features;
        using (var stream = File.OpenRead(path))
        {
            features = GeoJsonPolygons.Read(stream, Select, (n, problem) => new InvalidDataException($"feature {n}: {problem}"));
        }

        Assert.Equal(Enumerable.Range(1, Features / 25_000).Select(k => Code((k * 25_000) - 1)), features.Select(f => f.Key));
        Assert.Equal([-2.199999, 53.1, -2.199999, 53.2, -2.9, 53.2, -2.199999, 53.1], features[^1].Polygons[0][0]);
        Assert.True(size > 25_000_000, $"the generated file is {size} bytes");
        Assert.True(peak < size / 10, $"live heap grew by {peak} bytes while reading a {size}-byte file");
    }

    private static string Code(int i) => "E01" + i.ToString("D6", CultureInfo.InvariantCulture);

    private string Write(string name, Func<int, string> feature)
    {
        var path = _temp.Combine(name);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write("""{"type":"FeatureCollection","name":"generated","features":[""");
        for (var i = 0; i < Features; i++)
        {
            writer.Write(i == 0 ? "\n" : ",\n");
            writer.Write(feature(i));
        }

        writer.Write("""],"exceededTransferLimit":false}""");
        return path;
    }
}
