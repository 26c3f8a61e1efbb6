using Inequalities.Core.Spatial;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.TestSupport;

/// <summary>The real LCR LSOA polygons from ../shared/data, parsed once for tests that place points on them.</summary>
public static class LcrBoundaries
{
    private static readonly Lazy<IReadOnlyList<AreaPolygon>> Polygons2021 = new(() => Load("boundaries_lsoa21_LCR.geojson", 2021));
    private static readonly Lazy<IReadOnlyList<AreaPolygon>> Polygons2011 = new(() => Load("boundaries_lsoa11_LCR.geojson", 2011));

    /// <summary>The 1,003 LCR LSOA 2021 polygons, in file order.</summary>
    public static IReadOnlyList<AreaPolygon> Lsoa2021 => Polygons2021.Value;

    /// <summary>The 989 LCR LSOA 2011 polygons, in file order.</summary>
    public static IReadOnlyList<AreaPolygon> Lsoa2011 => Polygons2011.Value;

    private static IReadOnlyList<AreaPolygon> Load(string file, int vintage)
    {
        var source = SourceCatalogue.Parse($"""
            version: 1
            sources:
              - id: boundaries-lsoa{vintage % 100}-lcr
                kind: boundaries
                publisher: ONS
                licence: OGL-3.0
                url: {file}
                format: geojson
                geography: lsoa
                vintage: {vintage}
                columns:
                  area_code: lsoa{vintage % 100}_code
            """, SharedData.DataDirectory).Sources[0];
        return GeoParsers.Boundaries(source, SharedData.DataFile(file)).Areas;
    }
}
