using Inequalities.Core.Spatial;

namespace Inequalities.Core.Tests.Spatial;

public sealed class SpatialTests
{
    // The outline of LSOA 2021 E01006412 (Knowsley 006A) as published in the ONS BSC boundaries
    // (../shared/data/boundaries_lsoa21_LCR.geojson): a convex quadrilateral, counter-clockwise.
    private static readonly double[] Knowsley006A =
        [-2.870123, 53.441695, -2.870572, 53.439119, -2.867069, 53.437293, -2.860316, 53.440978, -2.870123, 53.441695];

    [Fact]
    public void Contains_VertexMeanOfConvexLsoa_IsInside()
    {
        // Hand check: every edge's cross product with the point (-2.86702, 53.43977) is positive, so it is inside.
        var area = new AreaPolygon("E01006412", [[Knowsley006A]]);

        Assert.True(area.Contains(-2.86702, 53.43977));
    }

    [Theory]
    [InlineData(-2.8590, 53.4410)] // east of the eastern vertex: negative cross products on the last two edges
    [InlineData(-2.8705, 53.4420)] // just north of the north-west corner
    [InlineData(-3.2000, 53.0000)] // far away
    public void Contains_PointJustOutside_IsOutside(double lon, double lat)
    {
        var area = new AreaPolygon("E01006412", [[Knowsley006A]]);

        Assert.False(area.Contains(lon, lat));
    }

    [Fact]
    public void Contains_PointInHole_IsOutside()
    {
        double[] outer = [0, 0, 10, 0, 10, 10, 0, 10];
        double[] hole = [4, 4, 6, 4, 6, 6, 4, 6];
        var area = new AreaPolygon("E01000001", [[outer, hole]]);

        Assert.False(area.Contains(5, 5));
        Assert.True(area.Contains(2, 2));
    }

    [Fact]
    public void Centroid_SquareWithHole_IsAreaWeighted()
    {
        // A 10 x 10 square with a 2 x 2 hole at (7..9, 7..9): area 96; centroid x = (100*5 - 4*8) / 96 = 4.875.
        double[] outer = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0];
        double[] hole = [7, 7, 7, 9, 9, 9, 9, 7, 7, 7];
        var centroid = new AreaPolygon("E01000001", [[outer, hole]]).Centroid();

        Assert.Equal(4.875, centroid.Longitude, 1e-12);
        Assert.Equal(4.875, centroid.Latitude, 1e-12);
    }

    [Fact]
    public void Constructor_RingWithTwoVertices_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AreaPolygon("E01000001", [[[0, 0, 1, 1]]]));

        Assert.Contains("E01000001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_GridOfSquares_FindsEachAndNoneOutside()
    {
        var areas = new List<AreaPolygon>();
        for (var i = 0; i < 10; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                areas.Add(new AreaPolygon($"E01{(i * 10) + j:D6}", [[[i, j, i + 1, j, i + 1, j + 1, i, j + 1]]]));
            }
        }

        var index = new PolygonIndex(areas);

        Assert.Equal("E01000037", index[index.Locate(3.5, 7.5)].Code);
        Assert.Equal("E01000099", index[index.Locate(9.9, 9.9)].Code);
        Assert.Equal(-1, index.Locate(10.5, 5));
        Assert.Equal(-1, index.Locate(-0.1, 5));
    }

    [Fact]
    public void Haversine_OneDegreeOfLatitude_Is111Km()
    {
        // R * pi / 180 with R = 6,371,008.8 m.
        var d = new GeoPoint(-3, 53).DistanceTo(new GeoPoint(-3, 54));

        Assert.Equal(111_195.08, d, 0.01);
    }

    [Fact]
    public void Haversine_LiverpoolToManchester_IsAbout50Km()
    {
        // Liverpool Lime Street (53.4075, -2.9776) to Manchester Piccadilly (53.4774, -2.2309): about 50 km.
        var d = new GeoPoint(-2.9776, 53.4075).DistanceTo(new GeoPoint(-2.2309, 53.4774));

        Assert.InRange(d, 49_500, 50_500);
    }

    [Fact]
    public void CountWithin_PointsAroundCentre_CountsThoseInsideRadius()
    {
        var centre = new GeoPoint(-2.98, 53.40);
        var metresPerDegreeLat = 111_195.08;
        var points = new List<GeoPoint>
        {
            centre,
            new(-2.98, 53.40 + (900 / metresPerDegreeLat)),   // 900 m north
            new(-2.98, 53.40 - (1100 / metresPerDegreeLat)),  // 1,100 m south
            new(-2.98 + (950 / (metresPerDegreeLat * Math.Cos(53.40 * Math.PI / 180))), 53.40), // ~950 m east
            new(double.NaN, 53.40),
        };

        var index = new PointIndex(points, 1000);

        Assert.Equal(3, index.CountWithin(centre));
        Assert.Equal(1, new PointIndex(points, 100).CountWithin(centre));
    }
}
