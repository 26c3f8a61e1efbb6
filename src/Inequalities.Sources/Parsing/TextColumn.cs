using System.Numerics;
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

/// <summary>
/// The distinct strings of one or more <see cref="TextColumn"/>s, ids in order of first appearance. Its own chained
/// hash table over the values: a value read from a span is hashed once, whether it is found or added (a
/// <see cref="Dictionary{TKey, TValue}"/> hashes a new value twice, to look it up and to add it), which matters for
/// columns of mostly distinct values such as a lookup's codes and names. A pool expecting many distinct values is sized
/// for them up front, so the table is not rebuilt as it grows.
/// </summary>
internal sealed class TextPool
{
    private readonly ValueBuffer<string> _values;
    private int[] _buckets; // per bucket, the first id in its chain + 1 (0: empty)
    private int[] _next; // per id, the next id in its chain + 1
    private int[] _hashes; // per id
    private CodeDictionary? _dictionary;

    public TextPool(int capacity = 0)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 64));
        _values = new ValueBuffer<string>(size);
        _buckets = new int[size];
        _next = new int[size];
        _hashes = new int[size];
    }

    public int Count => _values.Count;

    public string this[int id] => _values[id];

    public int IdOf(ReadOnlySpan<char> value)
    {
        var hash = Hash(value);
        for (var i = _buckets[hash & (_buckets.Length - 1)] - 1; i >= 0; i = _next[i] - 1)
        {
            if (_hashes[i] == hash && value.SequenceEqual(_values[i]))
            {
                return i;
            }
        }

        if (_dictionary is not null)
        {
            throw new InvalidOperationException("A text pool takes no new value once its columns are built.");
        }

        var id = _values.Count;
        _values.Add(value.ToString());
        if (id == _buckets.Length)
        {
            Grow();
        }

        var bucket = hash & (_buckets.Length - 1);
        _hashes[id] = hash;
        _next[id] = _buckets[bucket];
        _buckets[bucket] = id + 1;
        return id;
    }

    /// <summary>The pool as a <see cref="CodeDictionary"/> (one for every column of the pool), holding the values without a copy.</summary>
    public CodeDictionary Dictionary() => _dictionary ??= new CodeDictionary(_values.Buffer, _values.Count);

    /// <summary>A multiplicative hash of the characters, mixed at the end (the pool holds publishers' files, not adversaries' keys).</summary>
    private static int Hash(ReadOnlySpan<char> value)
    {
        var hash = (uint)value.Length * 0x9E3779B1u;
        foreach (var ch in value)
        {
            hash = (hash ^ ch) * 0x01000193u;
        }

        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        return (int)(hash ^ (hash >> 12));
    }

    /// <summary>Doubles the table (one bucket per value at most) and relinks every value by its stored hash.</summary>
    private void Grow()
    {
        var size = _buckets.Length * 2;
        _buckets = new int[size];
        Array.Resize(ref _next, size);
        Array.Resize(ref _hashes, size);
        for (var id = 0; id < _values.Count - 1; id++)
        {
            var bucket = _hashes[id] & (size - 1);
            _next[id] = _buckets[bucket];
            _buckets[bucket] = id + 1;
        }
    }
}
