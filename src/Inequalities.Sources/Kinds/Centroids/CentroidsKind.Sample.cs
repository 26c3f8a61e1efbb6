using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class CentroidsKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Centroids(source, geo, table);

    private static void Centroids(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        foreach (var area in AreasOf(source, geo))
        {
            var lon = Math.Round(area.CentreLongitude, 6);
            var lat = Math.Round(area.CentreLatitude, 6);
            var (easting, northing) = BritishNationalGrid.FromWgs84(lon, lat);
            table.Add(
                c => Common(c, area) ?? c switch
                {
                    "longitude" => F(lon, 6),
                    "latitude" => F(lat, 6),
                    "easting" => F(easting, 2),
                    "northing" => F(northing, 2),
                    _ => null,
                },
                new SampleGeometry(lon, lat, lon, lat));
        }
    }
}
