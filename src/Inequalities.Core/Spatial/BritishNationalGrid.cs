using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Inequalities.Core.Spatial;

/// <summary>
/// Converts OSGB36 / British National Grid (EPSG:27700) eastings and northings to WGS84 longitude and latitude,
/// with a real datum transformation: the inverse Transverse Mercator projection on the Airy 1830 ellipsoid, then
/// the OSGB36 to WGS84 seven-parameter Helmert transformation (position vector convention, the EPSG:27700
/// <c>TOWGS84</c> parameters at the precision Ordnance Survey publishes them), computed by ProjNET.
/// </summary>
/// <remarks>
/// <para>
/// Accuracy: Ordnance Survey states that this single Helmert transformation is good to "up to 3.5 metres (95%)"
/// across Great Britain (OS, <i>A Guide to Coordinate Systems in Great Britain</i>, "Approximate WGS84 to
/// OSGB36/ODN transformation"), because OSGB36 is not a uniform datum. OS's definitive transformation is OSTN15, a
/// 1 km grid of shifts: with it the National Grid is "by definition a transformation of the ETRS89 GNSS coordinate
/// system" (same guide, "The future of British mapping coordinate systems"), so its test points are the reference
/// here. The projection step is exact to the millimetre (the guide's Transverse Mercator worked example). Against OS's 40 OSTN15 test points the tests measure a median of 1.85 m in England
/// and Wales (1.72 m at Runcorn, the nearest to Liverpool) and at most 4.92 m (the Isles of Scilly and the Outer
/// Hebrides, the grid's extremities); against the WGS84 centroids of 194 real postcodes (OS Linked Data's, from the
/// same Helmert) a median of 0.04 m. Ample for placing a point in an LSOA or measuring walking distances, not for
/// surveying. ETRS89 and WGS84 are treated as one, as OS does at this accuracy.
/// </para>
/// <para>
/// Heights are not used: every point is taken to lie on the Airy 1830 ellipsoid (a height of a few hundred metres
/// moves the result by millimetres). The conversion reads only immutable state, so it is safe to call from several
/// threads at once.
/// </para>
/// </remarks>
public static class BritishNationalGrid
{
    /// <summary>Ordnance Survey's stated accuracy of the single Helmert transformation: 3.5 metres at 95%.</summary>
    public const double StatedAccuracyMetres = 3.5;

    /// <summary>The eastern limit of the National Grid's extent, in metres (0 to 700 km east of the false origin).</summary>
    public const double MaxEasting = 700_000;

    /// <summary>The northern limit of the National Grid's extent, in metres (0 to 1,300 km north of the false origin).</summary>
    public const double MaxNorthing = 1_300_000;

    // EPSG:27700 with its TOWGS84: the OS's ETRS89-to-OSGB36 parameters (tX -446.448 m, tY +125.157 m,
    // tZ -542.060 m, s +20.4894 ppm, rX -0.1502", rY -0.2470", rZ -0.8421") with every sign reversed, the way OS
    // gives the inverse; EPSG rounds the same values (transformation 1314).
    private const string Wkt = """
        PROJCS["OSGB 1936 / British National Grid",
          GEOGCS["OSGB 1936",
            DATUM["OSGB_1936",
              SPHEROID["Airy 1830",6377563.396,299.3249646,AUTHORITY["EPSG","7001"]],
              TOWGS84[446.448,-125.157,542.060,0.1502,0.2470,0.8421,-20.4894],
              AUTHORITY["EPSG","6277"]],
            PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],
            UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],
            AUTHORITY["EPSG","4277"]],
          PROJECTION["Transverse_Mercator"],
          PARAMETER["latitude_of_origin",49],
          PARAMETER["central_meridian",-2],
          PARAMETER["scale_factor",0.9996012717],
          PARAMETER["false_easting",400000],
          PARAMETER["false_northing",-100000],
          UNIT["metre",1,AUTHORITY["EPSG","9001"]],
          AUTHORITY["EPSG","27700"]]
        """;

    private static readonly ProjectedCoordinateSystem Grid = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);

    private static readonly MathTransform Transform = new CoordinateTransformationFactory().CreateFromCoordinateSystems(Grid, GeographicCoordinateSystem.WGS84).MathTransform;

    private static readonly MathTransform Inverse = new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, Grid).MathTransform;

    // The projection alone, on OSGB36 (no datum step): for the tests of the projection against OS's worked examples.
    private static readonly MathTransform Projection = new CoordinateTransformationFactory().CreateFromCoordinateSystems(Grid.GeographicCoordinateSystem, Grid).MathTransform;

    /// <summary>Whether a point lies within the National Grid's extent (finite, 0 ≤ easting ≤ 700 km, 0 ≤ northing ≤ 1,300 km).</summary>
    /// <param name="easting">Metres east of the false origin.</param>
    /// <param name="northing">Metres north of the false origin.</param>
    public static bool IsOnGrid(double easting, double northing) =>
        easting is >= 0 and <= MaxEasting && northing is >= 0 and <= MaxNorthing;

    /// <summary>Converts one British National Grid point to WGS84.</summary>
    /// <param name="easting">Metres east of the false origin.</param>
    /// <param name="northing">Metres north of the false origin.</param>
    /// <returns>The WGS84 point; NaN coordinates when either input is not finite.</returns>
    public static GeoPoint ToWgs84(double easting, double northing)
    {
        if (!double.IsFinite(easting) || !double.IsFinite(northing))
        {
            return new GeoPoint(double.NaN, double.NaN);
        }

        var (x, y) = (easting, northing);
        Transform.Transform(ref x, ref y);
        return new GeoPoint(x, y);
    }

    /// <summary>
    /// Converts many British National Grid points to WGS84 (element by element; the outputs may not overlap the
    /// inputs unless they are the same spans).
    /// </summary>
    /// <param name="eastings">Metres east of the false origin.</param>
    /// <param name="northings">Metres north of the false origin, one per easting.</param>
    /// <param name="longitudes">Receives the longitudes in degrees (NaN where an input is not finite).</param>
    /// <param name="latitudes">Receives the latitudes in degrees (NaN where an input is not finite).</param>
    /// <exception cref="ArgumentException">The four spans do not have the same length.</exception>
    public static void ToWgs84(ReadOnlySpan<double> eastings, ReadOnlySpan<double> northings, Span<double> longitudes, Span<double> latitudes)
    {
        if (northings.Length != eastings.Length || longitudes.Length != eastings.Length || latitudes.Length != eastings.Length)
        {
            throw new ArgumentException(
                $"The spans must have one length: {eastings.Length} eastings, {northings.Length} northings, {longitudes.Length} longitudes, {latitudes.Length} latitudes.",
                nameof(northings));
        }

        // One point at a time with its own height of zero: ProjNET's span overloads share one height across the
        // points, and the datum step writes each point's ellipsoidal height into it for the next point to read.
        for (var i = 0; i < eastings.Length; i++)
        {
            var x = eastings[i];
            var y = northings[i];
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                Transform.Transform(ref x, ref y);
            }
            else
            {
                (x, y) = (double.NaN, double.NaN);
            }

            longitudes[i] = x;
            latitudes[i] = y;
        }
    }

    /// <summary>
    /// Converts a WGS84 point to British National Grid (the same Helmert transformation reversed, and the projection):
    /// for writing grid references, e.g. test files in a publisher's grid layout. A round trip through
    /// <see cref="ToWgs84(double, double)"/> comes back within about a centimetre.
    /// </summary>
    /// <param name="longitude">Degrees east.</param>
    /// <param name="latitude">Degrees north.</param>
    /// <returns>Metres east and north of the false origin; NaN when either input is not finite.</returns>
    public static (double Easting, double Northing) FromWgs84(double longitude, double latitude)
    {
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude))
        {
            return (double.NaN, double.NaN);
        }

        var (x, y) = (longitude, latitude);
        Inverse.Transform(ref x, ref y);
        return (x, y);
    }

    /// <summary>The OSGB36 (Airy 1830) longitude and latitude of a grid point: the projection alone, no datum step.</summary>
    internal static GeoPoint ToOsgb36(double easting, double northing)
    {
        var (x, y) = Projection.Inverse().Transform(easting, northing);
        return new GeoPoint(x, y);
    }

    /// <summary>The grid point of an OSGB36 (Airy 1830) longitude and latitude: the projection alone.</summary>
    internal static (double Easting, double Northing) FromOsgb36(double longitude, double latitude) => Projection.Transform(longitude, latitude);
}
