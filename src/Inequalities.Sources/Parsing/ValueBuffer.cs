namespace Inequalities.Sources.Parsing;

/// <summary>A growable typed array a parser fills row by row; <see cref="ToArray"/> gives the values, trimmed.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ValueBuffer<T>(int capacity = 1024)
{
    private T[] _values = new T[Math.Max(capacity, 4)];

    /// <summary>The values appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>The values appended so far, as a span over the buffer.</summary>
    public Span<T> Span => _values.AsSpan(0, Count);

    /// <summary>The buffer itself (at least <see cref="Count"/> long), for handing to a column without a copy; the buffer is then given up.</summary>
    public T[] Buffer => _values;

    /// <summary>A value by position.</summary>
    public ref T this[int index] => ref _values[index];

    /// <summary>Makes room for <paramref name="capacity"/> values in all, so that filling up to it copies nothing.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _values.Length)
        {
            Array.Resize(ref _values, capacity);
        }
    }

    /// <summary>Appends a value.</summary>
    public void Add(T value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[Count++] = value;
    }

    /// <summary>Appends <paramref name="count"/> copies of a value.</summary>
    public void AddRepeated(T value, int count)
    {
        if (Count + count > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, Count + count));
        }

        _values.AsSpan(Count, count).Fill(value);
        Count += count;
    }

    /// <summary>Appends values.</summary>
    public void AddRange(ReadOnlySpan<T> values)
    {
        if (Count + values.Length > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_values.Length * 2, Count + values.Length));
        }

        values.CopyTo(_values.AsSpan(Count));
        Count += values.Length;
    }

    /// <summary>The values, in an array of exactly <see cref="Count"/>.</summary>
    public T[] ToArray() => Count == _values.Length ? _values : _values[..Count];
}
