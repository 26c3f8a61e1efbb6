using Inequalities.Core.Columnar;

namespace Inequalities.Lake.Gradients;

/// <summary>
/// Dense integer ids for the LSOA codes of one gradient computation (0, 1, 2, … in order of first appearance), so the
/// per-LSOA lookups of every basis, series and area are array reads instead of string hashing. A string column is
/// translated through its own dictionary: each distinct code is looked up once, whatever the number of rows.
/// </summary>
internal sealed class LsoaIndex
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];

    /// <summary>The number of codes held; every id is below it.</summary>
    public int Count => _codes.Count;

    /// <summary>The code of an id.</summary>
    public string this[int id] => _codes[id];

    /// <summary>The id of a code, added when new.</summary>
    public int GetOrAdd(string code)
    {
        if (!_ids.TryGetValue(code, out var id))
        {
            id = _codes.Count;
            _ids.Add(code, id);
            _codes.Add(code);
        }

        return id;
    }

    /// <summary>The dense id of every row of a string column (codes added when new); -1 for a null row, or a row the mask leaves out.</summary>
    public int[] Rows(StringColumn column, ReadOnlySpan<bool> mask = default)
    {
        var ids = column.Ids;
        var dictionary = column.Dictionary;
        var cache = new int[dictionary.Count];
        Array.Fill(cache, -1);
        var rows = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (id < 0 || (!mask.IsEmpty && !mask[i]))
            {
                rows[i] = -1;
                continue;
            }

            ref var dense = ref cache[id];
            if (dense < 0)
            {
                dense = GetOrAdd(dictionary[id]);
            }

            rows[i] = dense;
        }

        return rows;
    }

    /// <summary>Orders two ids by their codes (ordinal), as the string sort of the codes would.</summary>
    public int CompareCodes(int a, int b) => a == b ? 0 : string.CompareOrdinal(_codes[a], _codes[b]);
}
