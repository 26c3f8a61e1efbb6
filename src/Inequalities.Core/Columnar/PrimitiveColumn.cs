namespace Inequalities.Core.Columnar;

/// <summary>
/// A column of unmanaged values (bool, byte, int, long, float, double, DateOnly) held in one contiguous array, with an
/// Arrow-style validity bitmap when it has nulls. Null rows hold <c>default(T)</c> in <see cref="Values"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class PrimitiveColumn<T> : Column
    where T : unmanaged
{
    private readonly T[] _values;
    private readonly byte[]? _validity;

    internal PrimitiveColumn(string name, T[] values, int length, byte[]? validity, int nullCount)
        : base(name, length, nullCount)
    {
        DataType = ColumnTypes.Of<T>();
        _values = values;
        _validity = nullCount == 0 ? null : validity;
    }

    /// <inheritdoc />
    public override ColumnDataType DataType { get; }

    /// <summary>The values, one per row; null rows hold <c>default(T)</c>.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Length);

    /// <summary>The values as memory, for asynchronous writers; same content as <see cref="Values"/>.</summary>
    public ReadOnlyMemory<T> ValuesMemory => _values.AsMemory(0, Length);

    /// <summary>
    /// The validity bitmap (bit <c>i % 8</c> of byte <c>i / 8</c> is 1 when row i is valid), or an empty span when the
    /// column has no nulls.
    /// </summary>
    public ReadOnlySpan<byte> ValidityBitmap => _validity is null ? default : _validity.AsSpan(0, Bitmap.ByteCount(Length));

    /// <summary>The validity bitmap as memory (empty when the column has no nulls), for handing to Arrow without a copy.</summary>
    internal ReadOnlyMemory<byte> ValidityMemory => _validity is null ? default : _validity.AsMemory(0, Bitmap.ByteCount(Length));

    /// <summary>The value of row <paramref name="index"/>, or <see langword="null"/> for a null row.</summary>
    public T? this[int index] => IsValid(index) ? _values[index] : null;

    /// <inheritdoc />
    public override bool IsValid(int index)
    {
        CheckIndex(index);
        return _validity is null || Bitmap.Get(_validity, index);
    }

    /// <summary>A row mask: true where the row is valid and <paramref name="predicate"/> holds; null rows give false.</summary>
    public bool[] Mask(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var mask = new bool[Length];
        var values = Values;
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = (_validity is null || Bitmap.Get(_validity, i)) && predicate(values[i]);
        }

        return mask;
    }

    /// <inheritdoc />
    public override Column Rename(string name) => new PrimitiveColumn<T>(name, _values, Length, _validity, NullCount);

    internal bool IsValidUnchecked(int index) => _validity is null || Bitmap.Get(_validity, index);

    internal override Column Take(ReadOnlySpan<int> indices)
    {
        var values = new T[indices.Length];
        byte[]? validity = null;
        var nulls = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var source = indices[i];
            CheckTakeIndex(source);
            if (source >= 0 && IsValidUnchecked(source))
            {
                values[i] = _values[source];
                continue;
            }

            if (validity is null)
            {
                validity = new byte[Bitmap.ByteCount(indices.Length)];
                validity.AsSpan().Fill(0xFF);
            }

            Bitmap.Clear(validity, i);
            nulls++;
        }

        return new PrimitiveColumn<T>(Name, values, values.Length, validity, nulls);
    }
}
