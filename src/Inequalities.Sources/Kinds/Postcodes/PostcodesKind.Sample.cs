using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class PostcodesKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Postcodes(geo, table);

    private static void Postcodes(SampleGeography geo, SampleTable table)
    {
        foreach (var pc in geo.Postcodes)
        {
            var (easting, northing) = BritishNationalGrid.FromWgs84(pc.Longitude, pc.Latitude);
            table.Add(
                c => c switch
                {
                    "postcode" => pc.Postcode,
                    "lsoa11_code" => pc.Piece.Lsoa11.Code,
                    "lsoa21_code" => pc.Piece.Lsoa21.Code,
                    "msoa11_code" or "msoa21_code" => pc.Piece.Lsoa11.MsoaCode,
                    "lad_code" => pc.Piece.Lsoa11.Lad.Code,
                    "latitude" => F(pc.Latitude, 6),
                    "longitude" => F(pc.Longitude, 6),

                    // Code-Point Open's grid references are whole metres.
                    "easting" => F(Math.Round(easting), 0),
                    "northing" => F(Math.Round(northing), 0),
                    "introduced" => pc.Introduced,
                    "terminated" => pc.Terminated ?? string.Empty,
                    _ => null,
                },
                new SampleGeometry(pc.Longitude, pc.Latitude, pc.Longitude, pc.Latitude));
        }
    }
}
