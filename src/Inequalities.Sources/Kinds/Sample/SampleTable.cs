namespace Inequalities.Sources.Sample;

/// <summary>A geometry for a GeoJSON row: a rectangle polygon, or a point when West equals East and South equals North.</summary>
internal readonly record struct SampleGeometry(double West, double South, double East, double North)
{
    public bool IsPoint => West == East && South == North;
}

/// <summary>The generated content of one source: the columns (canonical name and publisher header) and the rows.</summary>
internal sealed class SampleTable
{
    public SampleTable(IReadOnlyList<(string Canonical, string Header)> columns)
    {
        Columns = columns;
    }

    public IReadOnlyList<(string Canonical, string Header)> Columns { get; }

    public List<string?[]> Rows { get; } = [];

    public List<SampleGeometry?> Geometries { get; } = [];

    public void Add(Func<string, string?> valueOf, SampleGeometry? geometry = null)
    {
        var row = new string?[Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = valueOf(Columns[i].Canonical);
        }

        Rows.Add(row);
        Geometries.Add(geometry);
    }
}
