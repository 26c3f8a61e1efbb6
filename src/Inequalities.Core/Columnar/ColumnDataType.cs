namespace Inequalities.Core.Columnar;

/// <summary>The logical type of a <see cref="Column"/>.</summary>
public enum ColumnDataType
{
    /// <summary><see cref="bool"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    Boolean,

    /// <summary><see cref="byte"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    UInt8,

    /// <summary><see cref="int"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    Int32,

    /// <summary><see cref="long"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    Int64,

    /// <summary><see cref="float"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    Float32,

    /// <summary><see cref="double"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    Float64,

    /// <summary><see cref="DateOnly"/> values in a <see cref="PrimitiveColumn{T}"/>.</summary>
    Date,

    /// <summary>Dictionary-encoded strings in a <see cref="StringColumn"/>.</summary>
    String,
}

/// <summary>One column's name and type in a <see cref="Table"/>'s schema.</summary>
/// <param name="Name">The column name.</param>
/// <param name="DataType">The column type.</param>
public readonly record struct ColumnField(string Name, ColumnDataType DataType);

internal static class ColumnTypes
{
    public static ColumnDataType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(int)) return ColumnDataType.Int32;
        if (typeof(T) == typeof(long)) return ColumnDataType.Int64;
        if (typeof(T) == typeof(double)) return ColumnDataType.Float64;
        if (typeof(T) == typeof(float)) return ColumnDataType.Float32;
        if (typeof(T) == typeof(bool)) return ColumnDataType.Boolean;
        if (typeof(T) == typeof(byte)) return ColumnDataType.UInt8;
        if (typeof(T) == typeof(DateOnly)) return ColumnDataType.Date;
        throw new NotSupportedException(
            $"A primitive column cannot hold {typeof(T).Name}; supported element types are bool, byte, int, long, float, double and DateOnly.");
    }

    public static string Describe(Column column) => column switch
    {
        StringColumn => "StringColumn",
        _ => $"PrimitiveColumn<{ElementName(column.DataType)}>",
    };

    public static string Describe(Type columnType) =>
        columnType.IsGenericType && columnType.GetGenericTypeDefinition() == typeof(PrimitiveColumn<>)
            ? $"PrimitiveColumn<{columnType.GetGenericArguments()[0].Name}>"
            : columnType.Name;

    private static string ElementName(ColumnDataType type) => type switch
    {
        ColumnDataType.Boolean => nameof(Boolean),
        ColumnDataType.UInt8 => nameof(Byte),
        ColumnDataType.Int32 => nameof(Int32),
        ColumnDataType.Int64 => nameof(Int64),
        ColumnDataType.Float32 => nameof(Single),
        ColumnDataType.Float64 => nameof(Double),
        ColumnDataType.Date => nameof(DateOnly),
        _ => type.ToString(),
    };
}
