using Inequalities.Core.Columnar;

namespace Inequalities.Sources.Parsing;

/// <summary>
/// A text column a parser fills row by row, dictionary-encoded as it goes: one string per distinct value (made only the
/// first time the value is seen, from the reader's span) and an id per row. Single-threaded, so the encoding is a plain
/// hash look-up (after a comparison with the column's last value); <see cref="Build"/> hands the ids and the distinct values to the column without a copy. Columns that
/// hold the same codes (a lookup's LSOA 2011 and 2021 codes, mostly unchanged) share one <see cref="TextPool"/>, so a
/// code is hashed and stored once.
/// </summary>
internal sealed class TextColumn(string name, int capacity = 1024, TextPool? pool = null)
{
    private readonly TextPool _pool = pool ?? new TextPool();
    private readonly ValueBuffer<int> _rows = new(capacity);
    private int _nulls;
    private int _last = -1; // the id of the last value looked up

    /// <summary>Rows appended.</summary>
    public int Count => _rows.Count;

    /// <summary>Distinct values seen by the column's pool (ids 0 to this less one).</summary>
    public int DistinctCount => _pool.Count;

    /// <summary>The value of an id.</summary>
    public string this[int id] => _pool[id];

    /// <summary>The id of a value, adding it when new (without appending a row).</summary>
    /// <remarks>
    /// The value is first compared with the column's last one (a district code repeated down a sorted file, the area of
    /// a long file's consecutive rows), which costs less than a look-up in the pool.
    /// </remarks>
    public int IdOf(ReadOnlySpan<char> value)
    {
        var last = _last;
        return last >= 0 && value.SequenceEqual(_pool[last]) ? last : _last = _pool.IdOf(value);
    }

    /// <summary>The id of a value, adding it when new (without appending a row).</summary>
    public int IdOf(string value) => IdOf(value.AsSpan());

    /// <summary>Appends a row holding a value.</summary>
    public void Append(ReadOnlySpan<char> value) => _rows.Add(IdOf(value));

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

    /// <summary>
    /// Appends a row holding a value, or a null row when the value is empty, first comparing the value with the last
    /// one of <paramref name="peer"/>, a column of the same pool that often holds the same value in the same row (a
    /// lookup's LSOA 2021 code beside its 2011 code).
    /// </summary>
    public void AppendOrNull(ReadOnlySpan<char> value, TextColumn peer)
    {
        var candidate = peer._last;
        if (candidate >= 0 && ReferenceEquals(peer._pool, _pool) && !value.IsEmpty && value.SequenceEqual(_pool[candidate]))
        {
            _last = candidate;
            _rows.Add(candidate);
        }
        else
        {
            AppendOrNull(value);
        }
    }

    /// <summary>Makes room for <paramref name="rows"/> rows in all.</summary>
    public void Reserve(int rows) => _rows.Reserve(rows);

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
