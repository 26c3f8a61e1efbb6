namespace Inequalities.Core.Columnar;

/// <summary>
/// A dictionary-encoded string column: one int id per row into a <see cref="CodeDictionary"/>, -1 for a null row.
/// Joins and group-bys on a string column run on the ids. It reads as a list of its rows' strings (null for a null
/// row), so LINQ and <c>foreach</c> work on it directly; each row is one id lookup, no copy.
/// </summary>
public sealed class StringColumn : Column, IReadOnlyList<string?>
{
    private readonly int[] _ids;

    internal StringColumn(string name, int[] ids, int length, CodeDictionary dictionary, int nullCount)
        : base(name, length, nullCount)
    {
        _ids = ids;
        Dictionary = dictionary;
    }

    /// <inheritdoc />
    public override ColumnDataType DataType => ColumnDataType.String;

    /// <summary>The dictionary the ids point into (possibly shared with other columns).</summary>
    public CodeDictionary Dictionary { get; }

    /// <summary>One id per row into <see cref="Dictionary"/>; -1 marks a null row.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Length);

    /// <summary>The ids as memory, for handing to Arrow without a copy; same content as <see cref="Ids"/>.</summary>
    internal ReadOnlyMemory<int> IdsMemory => _ids.AsMemory(0, Length);

    /// <summary>The string in row <paramref name="index"/>, or <see langword="null"/> for a null row.</summary>
    public string? this[int index]
    {
        get
        {
            CheckIndex(index);
            var id = _ids[index];
            return id < 0 ? null : Dictionary[id];
        }
    }

    /// <inheritdoc />
    int IReadOnlyCollection<string?>.Count => Length;

    /// <summary>The first row holding <paramref name="value"/> (null: the first null row), or -1; compared on ids.</summary>
    public int IndexOf(string? value)
    {
        var id = -1;
        if (value is not null && !Dictionary.TryGetId(value, out id))
        {
            return -1;
        }

        return Ids.IndexOf(id);
    }

    /// <summary>The rows' strings in order (null for a null row).</summary>
    public IEnumerator<string?> GetEnumerator()
    {
        for (var i = 0; i < Length; i++)
        {
            var id = _ids[i];
            yield return id < 0 ? null : Dictionary[id];
        }
    }

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override bool IsValid(int index)
    {
        CheckIndex(index);
        return _ids[index] >= 0;
    }

    /// <summary>
    /// A row mask: true where the row is valid and <paramref name="predicate"/> holds for its string. The predicate runs
    /// once per distinct dictionary entry, not once per row. Null rows give false.
    /// </summary>
    public bool[] Mask(Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var verdicts = new sbyte[Dictionary.Count]; // 0 unknown, 1 true, -1 false
        var mask = new bool[Length];
        var ids = Ids;
        for (var i = 0; i < mask.Length; i++)
        {
            var id = ids[i];
            if (id < 0)
            {
                continue;
            }

            if (verdicts[id] == 0)
            {
                verdicts[id] = predicate(Dictionary[id]) ? (sbyte)1 : (sbyte)-1;
            }

            mask[i] = verdicts[id] > 0;
        }

        return mask;
    }

    /// <inheritdoc />
    public override Column Rename(string name) => new StringColumn(name, _ids, Length, Dictionary, NullCount);

    internal override Column Take(ReadOnlySpan<int> indices)
    {
        var ids = new int[indices.Length];
        var nulls = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var source = indices[i];
            CheckTakeIndex(source);
            var id = source < 0 ? -1 : _ids[source];
            ids[i] = id;
            if (id < 0)
            {
                nulls++;
            }
        }

        return new StringColumn(Name, ids, ids.Length, Dictionary, nulls);
    }
}
