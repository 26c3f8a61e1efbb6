using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// A text column a parser fills row by row, dictionary-encoded as it goes: one string per distinct value (made only the
/// first time the value is seen, from the reader's span) and an id per row. Single-threaded, so the encoding is a plain
/// hash look-up; <see cref="Build"/> hands the ids and the distinct values to the column without a copy. Columns that
/// hold the same codes (a lookup's LSOA 2011 and 2021 codes, mostly unchanged) share one <see cref="TextPool"/>, so a
/// code is hashed and stored once.
/// </summary>
internal sealed class TextColumn(string name, int capacity = 1024, TextPool? pool = null)
{
    private readonly TextPool _pool = pool ?? new TextPool();
    private readonly ValueBuffer<int> _rows = new(capacity);
    private int _nulls;

    /// <summary>Rows appended.</summary>
    public int Count => _rows.Count;

    /// <summary>Distinct values seen by the column's pool (ids 0 to this less one).</summary>
    public int DistinctCount => _pool.Count;

    /// <summary>The value of an id.</summary>
    public string this[int id] => _pool[id];

    /// <summary>The id of a value, adding it when new (without appending a row).</summary>
    public int IdOf(ReadOnlySpan<char> value) => _pool.IdOf(value);

    /// <summary>The id of a value, adding it when new (without appending a row).</summary>
    public int IdOf(string value) => _pool.IdOf(value.AsSpan());

    /// <summary>Appends a row holding a value.</summary>
    public void Append(ReadOnlySpan<char> value) => _rows.Add(_pool.IdOf(value));

    /// <summary>Appends a row holding a value, or a null row when the value is empty.</summary>
    public void AppendOrNull(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            AppendNull();
        }
        else
        {
            Append(value);
        }
    }

    /// <summary>Appends a row by id (-1 for null).</summary>
    public void AppendId(int id)
    {
        if (id < 0)
        {
            _nulls++;
        }

        _rows.Add(id);
    }

    /// <summary>Appends <paramref name="count"/> rows of one id (-1 for null).</summary>
    public void AppendIds(int id, int count)
    {
        if (id < 0)
        {
            _nulls += count;
        }

        _rows.AddRepeated(id, count);
    }

    /// <summary>Appends rows by id (none null).</summary>
    public void AppendIds(ReadOnlySpan<int> ids) => _rows.AddRange(ids);

    /// <summary>Appends a null row.</summary>
    public void AppendNull()
    {
        _nulls++;
        _rows.Add(-1);
    }

    /// <summary>The column: the pool's values as its dictionary, the ids as its rows (handed over, not copied; build once, after every row).</summary>
    public StringColumn Build() => new(name, _rows.Buffer, _rows.Count, _pool.Dictionary(), _nulls);
}

/// <summary>The distinct strings of one or more <see cref="TextColumn"/>s, ids in order of first appearance.</summary>
internal sealed class TextPool
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ValueBuffer<string> _values = new(64);
    private CodeDictionary? _dictionary;

    public TextPool() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _values.Count;

    public string this[int id] => _values[id];

    public int IdOf(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var id))
        {
            return id;
        }

        if (_dictionary is not null)
        {
            throw new InvalidOperationException("A text pool takes no new value once its columns are built.");
        }

        id = _values.Count;
        var text = value.ToString();
        _ids.Add(text, id);
        _values.Add(text);
        return id;
    }

    /// <summary>The pool as a <see cref="CodeDictionary"/> (one for every column of the pool), holding the values without a copy.</summary>
    public CodeDictionary Dictionary() => _dictionary ??= new CodeDictionary(_values.Buffer, _values.Count);
}
