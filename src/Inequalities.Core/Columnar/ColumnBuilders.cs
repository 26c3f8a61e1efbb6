namespace Inequalities.Core.Columnar;

/// <summary>
/// Builds a <see cref="PrimitiveColumn{T}"/> by appending values; the buffer doubles as it fills. The validity bitmap
/// is allocated only when the first null arrives. <see cref="Build"/> hands the buffers to the column and resets the
/// builder to empty. Not thread-safe.
/// </summary>
/// <typeparam name="T">The element type: bool, byte, int, long, float, double or DateOnly.</typeparam>
public sealed class PrimitiveColumnBuilder<T>
    where T : unmanaged
{
    private readonly string _name;
    private T[] _values;
    private byte[]? _validity;
    private int _count;
    private int _nulls;

    /// <summary>Creates a builder.</summary>
    /// <param name="name">The name of the column to build.</param>
    /// <param name="initialCapacity">Rows to reserve; the buffer grows by doubling beyond it.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public PrimitiveColumnBuilder(string name, int initialCapacity = 16)
    {
        Column.ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _ = ColumnTypes.Of<T>();
        _name = name;
        _values = new T[Math.Max(initialCapacity, 4)];
    }

    /// <summary>The number of rows appended so far.</summary>
    public int Count => _count;

    /// <summary>Appends a value.</summary>
    public void Append(T value)
    {
        if (_count == _values.Length)
        {
            Grow(_count + 1);
        }

        _values[_count] = value;
        if (_validity is not null)
        {
            Bitmap.Set(_validity, _count);
        }

        _count++;
    }

    /// <summary>Appends a value, or a null row when <paramref name="value"/> is <see langword="null"/>.</summary>
    public void Append(T? value)
    {
        if (value.HasValue)
        {
            Append(value.GetValueOrDefault());
        }
        else
        {
            AppendNull();
        }
    }

    /// <summary>Appends a null row.</summary>
    public void AppendNull() => AppendNulls(1);

    /// <summary>Appends <paramref name="count"/> null rows.</summary>
    public void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        EnsureCapacity(_count + count);
        if (_validity is null)
        {
            _validity = new byte[Bitmap.ByteCount(_values.Length)];
            for (var i = 0; i < _count; i++)
            {
                Bitmap.Set(_validity, i);
            }
        }

        // Slots are already default(T) and their validity bits 0.
        _count += count;
        _nulls += count;
    }

    /// <summary>Appends values (none null).</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        EnsureCapacity(_count + values.Length);
        values.CopyTo(_values.AsSpan(_count));
        if (_validity is not null)
        {
            for (var i = 0; i < values.Length; i++)
            {
                Bitmap.Set(_validity, _count + i);
            }
        }

        _count += values.Length;
    }

    /// <summary>Creates the column from the rows appended and resets the builder to empty.</summary>
    public PrimitiveColumn<T> Build()
    {
        var column = new PrimitiveColumn<T>(_name, _values, _count, _validity, _nulls);
        _values = new T[4];
        _validity = null;
        _count = 0;
        _nulls = 0;
        return column;
    }

    private void EnsureCapacity(int required)
    {
        if (required > _values.Length)
        {
            Grow(required);
        }
    }

    private void Grow(int required)
    {
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max((long)_values.Length * 2, required));
        Array.Resize(ref _values, capacity);
        if (_validity is not null)
        {
            Array.Resize(ref _validity, Bitmap.ByteCount(capacity));
        }
    }
}

/// <summary>
/// Builds a dictionary-encoded <see cref="StringColumn"/>. Strings are mapped to ids in the given (possibly shared)
/// <see cref="CodeDictionary"/> as they are appended. <see cref="Build"/> resets the builder. Not thread-safe (the
/// dictionary itself is).
/// </summary>
public sealed class StringColumnBuilder
{
    private readonly string _name;
    private int[] _ids;
    private int _count;
    private int _nulls;

    /// <summary>Creates a builder.</summary>
    /// <param name="name">The name of the column to build.</param>
    /// <param name="dictionary">The dictionary to encode into; a new one when null.</param>
    /// <param name="initialCapacity">Rows to reserve; the buffer grows by doubling beyond it.</param>
    public StringColumnBuilder(string name, CodeDictionary? dictionary = null, int initialCapacity = 16)
    {
        Column.ValidateName(name);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _name = name;
        Dictionary = dictionary ?? new CodeDictionary();
        _ids = new int[Math.Max(initialCapacity, 4)];
    }

    /// <summary>The dictionary the column encodes into.</summary>
    public CodeDictionary Dictionary { get; }

    /// <summary>The number of rows appended so far.</summary>
    public int Count => _count;

    /// <summary>Appends a string, or a null row when <paramref name="value"/> is <see langword="null"/>.</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            AppendIdUnchecked(Dictionary.GetOrAdd(value));
        }
    }

    /// <summary>Appends the characters of <paramref name="value"/> (an empty span is the empty string, not null).</summary>
    public void Append(ReadOnlySpan<char> value) => AppendIdUnchecked(Dictionary.GetOrAdd(value));

    /// <summary>Appends a row by its id in <see cref="Dictionary"/>; -1 appends a null row.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is below -1 or not in the dictionary.</exception>
    public void AppendId(int id)
    {
        if (id < -1 || id >= Dictionary.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Column '{_name}': id {id} is not in the dictionary of {Dictionary.Count} strings (use -1 for null).");
        }

        if (id < 0)
        {
            AppendNull();
        }
        else
        {
            AppendIdUnchecked(id);
        }
    }

    /// <summary>Appends a null row.</summary>
    public void AppendNull()
    {
        AppendIdUnchecked(-1);
        _nulls++;
    }

    /// <summary>Appends rows by their ids in <see cref="Dictionary"/> (-1 for a null row), checked once for the whole span.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is below -1 or not in the dictionary.</exception>
    public void AppendIds(ReadOnlySpan<int> ids)
    {
        if (ids.IsEmpty)
        {
            return;
        }

        var count = Dictionary.Count;
        var bad = ids.IndexOfAnyExceptInRange(-1, count - 1);
        if (bad >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ids), ids[bad], $"Column '{_name}': id {ids[bad]} is not in the dictionary of {count} strings (use -1 for null).");
        }

        if (_count + ids.Length > _ids.Length)
        {
            Array.Resize(ref _ids, (int)Math.Min(Array.MaxLength, Math.Max((long)_ids.Length * 2, (long)_count + ids.Length)));
        }

        ids.CopyTo(_ids.AsSpan(_count));
        _count += ids.Length;
        _nulls += ids.Count(-1);
    }

    /// <summary>Creates the column from the rows appended and resets the builder to empty.</summary>
    public StringColumn Build()
    {
        var column = new StringColumn(_name, _ids, _count, Dictionary, _nulls);
        _ids = new int[4];
        _count = 0;
        _nulls = 0;
        return column;
    }

    private void AppendIdUnchecked(int id)
    {
        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, (int)Math.Min(Array.MaxLength, (long)_ids.Length * 2));
        }

        _ids[_count++] = id;
    }
}
