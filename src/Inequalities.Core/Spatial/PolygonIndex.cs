namespace Inequalities.Core.Spatial;

/// <summary>
/// Finds the area a point falls in among many outlines: a uniform grid over the areas' extent lists, per cell, the
/// areas whose bounding box touches it; a query tests the bounding boxes of that cell's areas, then the exact
/// polygons. Built once, read by any number of threads.
/// </summary>
public sealed class PolygonIndex
{
    private readonly AreaPolygon[] _areas;
    private readonly int[][] _cells;
    private readonly double _west;
    private readonly double _south;
    private readonly double _cellWidth;
    private readonly double _cellHeight;
    private readonly int _columns;
    private readonly int _rows;

    /// <summary>Builds the index.</summary>
    /// <param name="areas">The outlines (typically one per LSOA).</param>
    /// <param name="areasPerCell">Target average number of areas per grid cell.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="areasPerCell"/> is below 1.</exception>
    public PolygonIndex(IReadOnlyList<AreaPolygon> areas, int areasPerCell = 4)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentOutOfRangeException.ThrowIfLessThan(areasPerCell, 1);
        _areas = [.. areas];
        if (_areas.Length == 0)
        {
            _cells = [];
            return;
        }

        double west = double.PositiveInfinity, south = double.PositiveInfinity, east = double.NegativeInfinity, north = double.NegativeInfinity;
        foreach (var a in _areas)
        {
            west = Math.Min(west, a.West);
            south = Math.Min(south, a.South);
            east = Math.Max(east, a.East);
            north = Math.Max(north, a.North);
        }

        var side = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(_areas.Length / (double)areasPerCell)));
        _columns = side;
        _rows = side;
        _west = west;
        _south = south;
        _cellWidth = Math.Max((east - west) / side, 1e-9);
        _cellHeight = Math.Max((north - south) / side, 1e-9);
        var lists = new List<int>[_columns * _rows];
        for (var i = 0; i < _areas.Length; i++)
        {
            var a = _areas[i];
            var (c0, r0) = CellOf(a.West, a.South);
            var (c1, r1) = CellOf(a.East, a.North);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    (lists[(r * _columns) + c] ??= []).Add(i);
                }
            }
        }

        _cells = Array.ConvertAll(lists, l => l is null ? [] : l.ToArray());
    }

    /// <summary>The number of areas indexed.</summary>
    public int Count => _areas.Length;

    /// <summary>The area at a position in the list the index was built from.</summary>
    /// <param name="index">The position.</param>
    public AreaPolygon this[int index] => _areas[index];

    /// <summary>The position of the first area containing the point, or -1 when none does.</summary>
    /// <param name="longitude">Degrees east.</param>
    /// <param name="latitude">Degrees north.</param>
    public int Locate(double longitude, double latitude)
    {
        if (_cells.Length == 0 || !double.IsFinite(longitude) || !double.IsFinite(latitude))
        {
            return -1;
        }

        var col = (int)Math.Floor((longitude - _west) / _cellWidth);
        var row = (int)Math.Floor((latitude - _south) / _cellHeight);
        if (col < 0 || row < 0 || col > _columns || row > _rows)
        {
            return -1;
        }

        // A point exactly on the east or north edge of the extent belongs to the last cell.
        col = Math.Min(col, _columns - 1);
        row = Math.Min(row, _rows - 1);
        foreach (var i in _cells[(row * _columns) + col])
        {
            if (_areas[i].Contains(longitude, latitude))
            {
                return i;
            }
        }

        return -1;
    }

    private (int Column, int Row) CellOf(double longitude, double latitude) =>
        (Math.Clamp((int)Math.Floor((longitude - _west) / _cellWidth), 0, _columns - 1),
         Math.Clamp((int)Math.Floor((latitude - _south) / _cellHeight), 0, _rows - 1));
}
