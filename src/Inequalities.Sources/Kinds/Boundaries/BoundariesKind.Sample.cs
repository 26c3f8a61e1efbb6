using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using static Inequalities.Sources.Sample.SampleValues;

namespace Inequalities.Sources.Kinds;

/// <content>The kind's rows in the sample mirror.</content>
internal sealed partial class BoundariesKind : ISampleKind
{
    public void Sample(SourceDefinition source, SampleGeography geo, Random random, SampleTable table) => Boundaries(source, geo, table);

    private static void Boundaries(SourceDefinition source, SampleGeography geo, SampleTable table)
    {
        foreach (var area in AreasOf(source, geo))
        {
            table.Add(c => Common(c, area), new SampleGeometry(area.West, area.South, area.East, area.North));
        }
    }
}
