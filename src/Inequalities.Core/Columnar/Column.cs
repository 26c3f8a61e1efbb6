namespace Inequalities.Core.Columnar;

/// <summary>
/// An immutable, named column of a <see cref="Table"/>: a contiguous typed array plus a record of which rows are null,
/// modelled on Apache Arrow. The concrete types are <see cref="PrimitiveColumn{T}"/> and <see cref="StringColumn"/>;
/// build them with <see cref="PrimitiveColumnBuilder{T}"/>, <see cref="StringColumnBuilder"/> or the factories here.
/// </summary>
public abstract class Column
{
    private protected Column(string name, int length, int nullCount)
    {
        ValidateName(name);
        Name = name;
        Length = length;
        NullCount = nullCount;
    }

    /// <summary>The column name (unique within its table).</summary>
    public string Name { get; }

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The number of null rows.</summary>
    public int NullCount { get; }

    /// <summary>The logical type of the values.</summary>
    public abstract ColumnDataType DataType { get; }

    /// <summary>Whether row <paramref name="index"/> holds a value (is not null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0 to <see cref="Length"/> - 1.</exception>
    public abstract bool IsValid(int index);

    /// <summary>The same data under another name (no copy).</summary>
    public abstract Column Rename(string name);

    /// <summary>Creates a column without nulls by copying <paramref name="values"/>.</summary>
    public static PrimitiveColumn<T> FromValues<T>(string name, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var builder = new PrimitiveColumnBuilder<T>(name, values.Length);
        builder.AppendRange(values);
        return builder.Build();
    }

    /// <summary>Creates a column from nullable values; <see langword="null"/> entries become null rows.</summary>
    public static PrimitiveColumn<T> FromNullable<T>(string name, ReadOnlySpan<T?> values)
        where T : unmanaged
    {
        var builder = new PrimitiveColumnBuilder<T>(name, values.Length);
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    /// <summary>Creates a dictionary-encoded string column; <see langword="null"/> entries become null rows.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values in row order.</param>
    /// <param name="dictionary">The dictionary to encode into; share one between tables to join on ids without remapping. A new one when null.</param>
    public static StringColumn FromStrings(string name, IEnumerable<string?> values, CodeDictionary? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringColumnBuilder(name, dictionary, values.TryGetNonEnumeratedCount(out var n) ? n : 16);
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    /// <summary>Gathers rows by index into a new column; an index of -1 gives a null row.</summary>
    internal abstract Column Take(ReadOnlySpan<int> indices);

    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A column name must not be empty or white space.", nameof(name));
        }
    }

    private protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Column '{Name}' has {Length} rows; row {index} does not exist.");
        }
    }

    private protected void CheckTakeIndex(int index)
    {
        if (index < -1 || index >= Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Column '{Name}' has {Length} rows; cannot take row {index} (use -1 for a null row).");
        }
    }
}
