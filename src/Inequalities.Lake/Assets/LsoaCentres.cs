using Inequalities.Core.Spatial;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Assets;

/// <summary>Where "nearby" is measured from in an LSOA (<c>asset_need.centre_basis</c>).</summary>
public static class CentreBases
{
    /// <summary><c>centroids:&lt;source id&gt;</c>: the point a centroids source of vintage 2021 gives (ONS's population-weighted centroids in the real catalogue).</summary>
    public const string CentroidsPrefix = "centroids:";

    /// <summary>
    /// <c>postcode_mean</c>: the mean of the points of the live postcodes inside the LSOA's outline, from the postcode
    /// directories, where no centroids source is in the catalogue (the shared data has no LSOA 2021 population-weighted
    /// centroids). A postcode unit holds about 15 addresses, so the mean leans to where the addresses are, as a
    /// population-weighted centroid does.
    /// </summary>
    public const string PostcodeMean = "postcode_mean";

    /// <summary><c>polygon_centroid</c>: the centroid of the LSOA's outline, where neither of the above is available.</summary>
    public const string PolygonCentroid = "polygon_centroid";
}

/// <summary>The centre of each LSOA of the study area, and how it was found (see <see cref="CentreBases"/>).</summary>
internal static class LsoaCentres
{
    public static Dictionary<string, (GeoPoint Centre, string Basis)> Find(
        IReadOnlySet<string> study, IReadOnlyList<CentroidData> centroids, IReadOnlyList<PostcodeDirectory> postcodes, IReadOnlyList<AreaPolygon> shapes)
    {
        var result = new Dictionary<string, (GeoPoint, string)>(StringComparer.Ordinal);
        var source = centroids.FirstOrDefault(c => c.Vintage == AssetNeedTables.Vintage && c.Points.Keys.Any(study.Contains));
        if (source is not null)
        {
            foreach (var code in study)
            {
                if (source.Points.TryGetValue(code, out var c))
                {
                    result[code] = (c, CentreBases.CentroidsPrefix + source.SourceId);
                }
            }
        }

        var inStudy = shapes.Where(s => study.Contains(s.Code) && !result.ContainsKey(s.Code)).ToList();
        if (source is null && inStudy.Count > 0 && postcodes.Any(p => p.LivePoints is { Count: > 0 }))
        {
            var index = new PolygonIndex(inStudy);
            var sums = new (double Lon, double Lat, int N)[inStudy.Count];
            foreach (var directory in postcodes)
            {
                foreach (var p in directory.LivePoints ?? [])
                {
                    var hit = index.Locate(p.Longitude, p.Latitude);
                    if (hit >= 0)
                    {
                        sums[hit] = (sums[hit].Lon + p.Longitude, sums[hit].Lat + p.Latitude, sums[hit].N + 1);
                    }
                }
            }

            for (var i = 0; i < inStudy.Count; i++)
            {
                if (sums[i].N > 0)
                {
                    result[index[i].Code] = (new GeoPoint(sums[i].Lon / sums[i].N, sums[i].Lat / sums[i].N), CentreBases.PostcodeMean);
                }
            }
        }

        foreach (var shape in shapes)
        {
            if (study.Contains(shape.Code) && !result.ContainsKey(shape.Code))
            {
                result[shape.Code] = (shape.Centroid(), CentreBases.PolygonCentroid);
            }
        }

        return result;
    }
}
