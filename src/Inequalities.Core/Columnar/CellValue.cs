using System.Globalization;

namespace Inequalities.Core.Columnar;

/// <summary>
/// A value that a column's cells are compared with in <see cref="TableFilters.Where"/>: text, a whole number, a real
/// number, a boolean, a date, or null. Converts implicitly from <see cref="string"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> and <see cref="DateOnly"/>, so a condition reads
/// <c>("lsoa_vintage", 2021)</c> or <c>("domain", "imd")</c>.
/// </summary>
/// <remarks>
/// Text compared with a numeric, boolean or date column is read as that column's type (invariant culture; booleans
/// <c>true</c>/<c>false</c>, dates <c>yyyy-MM-dd</c>), so values typed on a command line filter any column.
/// </remarks>
public readonly struct CellValue : IEquatable<CellValue>
{
    private readonly string? _text;
    private readonly long _integer;
    private readonly double _real;

    private CellValue(CellValueKind kind, string? text = null, long integer = 0, double real = 0)
    {
        Kind = kind;
        _text = text;
        _integer = integer;
        _real = real;
    }

    /// <summary>The null value: it keeps the rows where the column is null.</summary>
    public static CellValue Null => default;

    /// <summary>What the value holds.</summary>
    public CellValueKind Kind { get; }

    /// <summary>Whether this is the null value.</summary>
    public bool IsNull => Kind == CellValueKind.Null;

    internal string Text => _text!;

    internal long Integer => _integer;

    internal double Real => _real;

    /// <summary>Text; a null string gives <see cref="Null"/>.</summary>
    public static implicit operator CellValue(string? text) => text is null ? default : new(CellValueKind.Text, text);

    /// <summary>A whole number.</summary>
    public static implicit operator CellValue(int value) => new(CellValueKind.Integer, integer: value);

    /// <summary>A whole number.</summary>
    public static implicit operator CellValue(long value) => new(CellValueKind.Integer, integer: value);

    /// <summary>A real number.</summary>
    public static implicit operator CellValue(double value) => new(CellValueKind.Real, real: value);

    /// <summary>A boolean.</summary>
    public static implicit operator CellValue(bool value) => new(CellValueKind.Boolean, integer: value ? 1 : 0);

    /// <summary>A date.</summary>
    public static implicit operator CellValue(DateOnly value) => new(CellValueKind.Date, integer: value.DayNumber);

    /// <summary>Text; a null string gives <see cref="Null"/>.</summary>
    /// <param name="text">The text.</param>
    public static CellValue FromString(string? text) => text;

    /// <summary>A whole number.</summary>
    /// <param name="value">The number.</param>
    public static CellValue FromInt64(long value) => value;

    /// <summary>A real number.</summary>
    /// <param name="value">The number.</param>
    public static CellValue FromDouble(double value) => value;

    /// <summary>A boolean.</summary>
    /// <param name="value">The boolean.</param>
    public static CellValue FromBoolean(bool value) => value;

    /// <summary>A date.</summary>
    /// <param name="value">The date.</param>
    public static CellValue FromDateOnly(DateOnly value) => value;

    /// <summary>Whether two values are of the same kind and equal (reals compared bit for bit, so NaN equals NaN).</summary>
    public static bool operator ==(CellValue left, CellValue right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(CellValue left, CellValue right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(CellValue other) =>
        Kind == other.Kind && _integer == other._integer && _real.Equals(other._real) && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CellValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _integer, _real, _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text));

    /// <summary>The value as written in messages: text quoted, numbers in invariant culture, <c>null</c>.</summary>
    public override string ToString() => Kind switch
    {
        CellValueKind.Text => $"'{_text}'",
        CellValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        CellValueKind.Real => _real.ToString("R", CultureInfo.InvariantCulture),
        CellValueKind.Boolean => _integer != 0 ? "true" : "false",
        CellValueKind.Date => DateOnly.FromDayNumber((int)_integer).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "null",
    };
}

/// <summary>What a <see cref="CellValue"/> holds.</summary>
public enum CellValueKind
{
    /// <summary>No value: matches null cells.</summary>
    Null,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A whole number (held as <see cref="long"/>).</summary>
    Integer,

    /// <summary>A real number (held as <see cref="double"/>).</summary>
    Real,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A date.</summary>
    Date,
}
