using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.TestSupport;

/// <summary>The real LCR LSOA 2021 polygons from ../shared/data, parsed once for tests that place points on them.</summary>
public static class LcrBoundaries
{
    private static readonly Lazy<IReadOnlyList<AreaPolygon>> Polygons = new(Load);

    /// <summary>The 1,003 LCR LSOA 2021 polygons, in file order.</summary>
    public static IReadOnlyList<AreaPolygon> Lsoa2021 => Polygons.Value;

    private static IReadOnlyList<AreaPolygon> Load()
    {
        var source = SourceCatalogue.Parse("""
            version: 1
            sources:
              - id: boundaries-lsoa21-lcr
                kind: boundaries
                publisher: ONS
                licence: OGL-3.0
                url: boundaries_lsoa21_LCR.geojson
                format: geojson
                geography: lsoa
                vintage: 2021
                columns:
                  area_code: lsoa21_code
            """, SharedData.DataDirectory).Sources[0];
        return GeoParsers.Boundaries(source, SharedData.DataFile("boundaries_lsoa21_LCR.geojson")).Areas;
    }
}
