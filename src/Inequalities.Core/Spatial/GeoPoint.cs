namespace Inequalities.Core.Spatial;

/// <summary>A point in WGS84 decimal degrees.</summary>
/// <param name="Longitude">Degrees east (negative west of Greenwich).</param>
/// <param name="Latitude">Degrees north.</param>
public readonly record struct GeoPoint(double Longitude, double Latitude)
{
    /// <summary>Mean Earth radius in metres (IUGG), used by <see cref="DistanceTo"/>.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Whether both coordinates are finite and within the WGS84 ranges.</summary>
    public bool IsValid => double.IsFinite(Longitude) && double.IsFinite(Latitude) && Longitude is >= -180 and <= 180 && Latitude is >= -90 and <= 90;

    /// <summary>The great-circle (haversine) distance to another point, in metres.</summary>
    /// <param name="other">The other point.</param>
    public double DistanceTo(GeoPoint other) => Haversine(Latitude, Longitude, other.Latitude, other.Longitude);

    /// <summary>The haversine distance in metres between two points given in degrees.</summary>
    /// <param name="lat1">Latitude of the first point.</param>
    /// <param name="lon1">Longitude of the first point.</param>
    /// <param name="lat2">Latitude of the second point.</param>
    /// <param name="lon2">Longitude of the second point.</param>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double toRad = Math.PI / 180;
        var dLat = (lat2 - lat1) * toRad;
        var dLon = (lon2 - lon1) * toRad;
        var s = Math.Sin(dLat / 2);
        var t = Math.Sin(dLon / 2);
        var a = (s * s) + (Math.Cos(lat1 * toRad) * Math.Cos(lat2 * toRad) * t * t);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
