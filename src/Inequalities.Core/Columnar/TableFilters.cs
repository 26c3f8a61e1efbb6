using System.Globalization;

namespace Inequalities.Core.Columnar;

/// <summary>
/// The row filter of the columnar core: keep the rows whose columns equal given values, compared by type. A string
/// column is compared on its dictionary ids (each value is looked up once, then ints are compared); numeric, boolean
/// and date columns are compared as numbers, booleans and dates (text values are read as the column's type).
/// </summary>
/// <example>
/// <code>
/// var imd2025 = deprivation.Where(("index_id", "iod2025"), ("domain", "imd"), ("lsoa_vintage", 2021));
/// var lcr = areas.WhereAnyOf("lad_code", ["E08000011", "E08000012"]);
/// </code>
/// </example>
public static class TableFilters
{
    /// <summary>
    /// The rows where every condition holds (all of them: AND), in their order, sharing nothing with the input.
    /// A <see cref="CellValue.Null"/> value keeps the rows where the column is null. No conditions keep every row.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="conditions">Column name and value pairs, e.g. <c>("domain", "imd")</c>, <c>("lsoa_vintage", 2021)</c>.</param>
    /// <exception cref="ArgumentException">
    /// A column is missing (the message names the table, every missing column and the columns it has), or a value
    /// cannot be compared with its column (text for a number column that is not a number, a number for a string column).
    /// </exception>
    public static Table Where(this Table table, params ReadOnlySpan<(string Column, CellValue Value)> conditions) =>
        table.Filter(table.Mask(conditions));

    /// <summary>The row selection of <see cref="Where"/>: true for each row where every condition holds.</summary>
    /// <param name="table">The table.</param>
    /// <param name="conditions">Column name and value pairs.</param>
    /// <exception cref="ArgumentException">As <see cref="Where"/>.</exception>
    public static bool[] Mask(this Table table, params ReadOnlySpan<(string Column, CellValue Value)> conditions)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = new string[conditions.Length];
        for (var c = 0; c < conditions.Length; c++)
        {
            names[c] = conditions[c].Column;
        }

        RequireColumns(table, names);
        var mask = new bool[table.RowCount];
        mask.AsSpan().Fill(true);
        foreach (var (name, value) in conditions)
        {
            AndEquals(table, table.Column(name), value, mask);
        }

        return mask;
    }

    /// <summary>The rows whose <paramref name="column"/> equals any of <paramref name="values"/> (OR), in their order.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <param name="values">The values to keep; <see cref="CellValue.Null"/> among them keeps null rows.</param>
    /// <exception cref="ArgumentException">As <see cref="Where"/>.</exception>
    public static Table WhereAnyOf(this Table table, string column, IEnumerable<CellValue> values) =>
        table.Filter(table.MaskAnyOf(column, values));

    /// <summary>The row selection of <see cref="WhereAnyOf"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <param name="values">The values to keep.</param>
    /// <exception cref="ArgumentException">As <see cref="Where"/>.</exception>
    public static bool[] MaskAnyOf(this Table table, string column, IEnumerable<CellValue> values)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(values);
        RequireColumns(table, [column]);
        var target = table.Column(column);
        var wanted = values as IReadOnlyCollection<CellValue> ?? values.ToList();
        var mask = new bool[table.RowCount];
        var keepNulls = wanted.Any(v => v.IsNull);
        switch (target)
        {
            case StringColumn strings:
            {
                var hit = new bool[strings.Dictionary.Count];
                foreach (var value in wanted.Where(v => !v.IsNull))
                {
                    if (strings.Dictionary.TryGetId(TextFor(table, strings, value), out var id) && id < hit.Length)
                    {
                        hit[id] = true;
                    }
                }

                var ids = strings.Ids;
                for (var i = 0; i < mask.Length; i++)
                {
                    var id = ids[i];
                    mask[i] = id < 0 ? keepNulls : id < hit.Length && hit[id];
                }

                break;
            }

            case PrimitiveColumn<int> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            case PrimitiveColumn<long> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            case PrimitiveColumn<double> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            case PrimitiveColumn<float> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            case PrimitiveColumn<byte> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            case PrimitiveColumn<bool> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            case PrimitiveColumn<DateOnly> c: AnyOf(table, c, wanted, keepNulls, mask); break;
            default: throw Unsupported(table, target);
        }

        return mask;
    }

    /// <summary>Throws unless the table has every named column; the message names the table, the missing columns and the columns it has.</summary>
    private static void RequireColumns(Table table, ReadOnlySpan<string> names)
    {
        List<string>? missing = null;
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, "conditions");
            if (!table.Contains(name) && !(missing ??= []).Contains(name, StringComparer.Ordinal))
            {
                missing.Add(name);
            }
        }

        if (missing is not null)
        {
            throw new ArgumentException(
                $"Table '{table.Name}' has no column{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(m => $"'{m}'"))} to filter on; its columns are "
                + $"{string.Join(", ", table.Schema.Select(f => $"{f.Name} ({f.DataType})"))}.");
        }
    }

    private static void AndEquals(Table table, Column column, CellValue value, Span<bool> mask)
    {
        if (value.IsNull)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] &= !column.IsValid(i);
            }

            return;
        }

        switch (column)
        {
            case StringColumn strings:
                if (!strings.Dictionary.TryGetId(TextFor(table, strings, value), out var id))
                {
                    mask.Clear();
                    return;
                }

                var ids = strings.Ids;
                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] &= ids[i] == id;
                }

                return;
            case PrimitiveColumn<int> c: AndEquals(table, c, value, mask); return;
            case PrimitiveColumn<long> c: AndEquals(table, c, value, mask); return;
            case PrimitiveColumn<double> c: AndEquals(table, c, value, mask); return;
            case PrimitiveColumn<float> c: AndEquals(table, c, value, mask); return;
            case PrimitiveColumn<byte> c: AndEquals(table, c, value, mask); return;
            case PrimitiveColumn<bool> c: AndEquals(table, c, value, mask); return;
            case PrimitiveColumn<DateOnly> c: AndEquals(table, c, value, mask); return;
            default: throw Unsupported(table, column);
        }
    }

    private static void AndEquals<T>(Table table, PrimitiveColumn<T> column, CellValue value, Span<bool> mask)
        where T : unmanaged, IEquatable<T>
    {
        if (!TryConvert(table, column, value, out T wanted))
        {
            mask.Clear(); // a value the column cannot hold (2.5 in an Int32 column, NaN): no row equals it
            return;
        }

        var values = column.Values;
        var validity = column.ValidityBitmap;
        if (validity.IsEmpty)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] &= values[i].Equals(wanted);
            }
        }
        else
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] &= values[i].Equals(wanted) && Bitmap.Get(validity, i);
            }
        }
    }

    private static void AnyOf<T>(Table table, PrimitiveColumn<T> column, IEnumerable<CellValue> values, bool keepNulls, Span<bool> mask)
        where T : unmanaged, IEquatable<T>
    {
        var set = new HashSet<T>();
        foreach (var value in values)
        {
            if (!value.IsNull && TryConvert(table, column, value, out T converted))
            {
                set.Add(converted);
            }
        }

        var data = column.Values;
        var validity = column.ValidityBitmap;
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = validity.IsEmpty || Bitmap.Get(validity, i) ? set.Contains(data[i]) : keepNulls;
        }
    }

    private static string TextFor(Table table, StringColumn column, CellValue value) =>
        value.Kind == CellValueKind.Text
            ? value.Text
            : throw new ArgumentException(
                $"Column '{column.Name}' of table '{table.Name}' holds text; compare it with text, not {value.Kind.ToString().ToLowerInvariant()} {value}.");

    /// <summary>The value as the column's element type; false when the column cannot hold it (so no row equals it).</summary>
    private static bool TryConvert<T>(Table table, PrimitiveColumn<T> column, CellValue value, out T result)
        where T : unmanaged
    {
        result = default;
        object? converted = column switch
        {
            PrimitiveColumn<int> => Whole(table, column, value, int.MinValue, int.MaxValue) is { } w ? (int)w : null,
            PrimitiveColumn<long> => Whole(table, column, value, long.MinValue, long.MaxValue),
            PrimitiveColumn<byte> => Whole(table, column, value, byte.MinValue, byte.MaxValue) is { } b ? (byte)b : null,
            PrimitiveColumn<double> => Real(table, column, value),
            PrimitiveColumn<float> => Real(table, column, value) is { } f ? (float)f : null,
            PrimitiveColumn<bool> => Boolean(table, column, value),
            PrimitiveColumn<DateOnly> => Date(table, column, value),
            _ => throw Unsupported(table, column),
        };
        if (converted is T typed)
        {
            result = typed;
            return true;
        }

        return false;
    }

    private static long? Whole(Table table, Column column, CellValue value, long min, long max)
    {
        long? whole = value.Kind switch
        {
            CellValueKind.Integer => value.Integer,
            CellValueKind.Real => double.IsInteger(value.Real) && value.Real is >= -9.2e18 and <= 9.2e18 ? (long)value.Real : null,
            CellValueKind.Text => long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? Whole(table, column, real, min, max)
                : throw Mismatch(table, column, value, "whole numbers"),
            _ => throw Mismatch(table, column, value, "whole numbers"),
        };
        return whole is { } w && w >= min && w <= max ? w : null;
    }

    private static double? Real(Table table, Column column, CellValue value)
    {
        double? real = value.Kind switch
        {
            CellValueKind.Integer => value.Integer,
            CellValueKind.Real => value.Real,
            CellValueKind.Text => double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Mismatch(table, column, value, "numbers"),
            _ => throw Mismatch(table, column, value, "numbers"),
        };
        return real is { } r && !double.IsNaN(r) ? r : null;
    }

    private static bool Boolean(Table table, Column column, CellValue value) => value.Kind switch
    {
        CellValueKind.Boolean => value.Integer != 0,
        CellValueKind.Text when bool.TryParse(value.Text, out var parsed) => parsed,
        _ => throw Mismatch(table, column, value, "booleans (true or false)"),
    };

    private static DateOnly Date(Table table, Column column, CellValue value) => value.Kind switch
    {
        CellValueKind.Date => DateOnly.FromDayNumber((int)value.Integer),
        CellValueKind.Text when DateOnly.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
        _ => throw Mismatch(table, column, value, "dates (yyyy-MM-dd)"),
    };

    private static ArgumentException Mismatch(Table table, Column column, CellValue value, string holds) =>
        new($"Column '{column.Name}' of table '{table.Name}' holds {holds} ({column.DataType}); {value} is not one.");

    private static ArgumentException Unsupported(Table table, Column column) =>
        new($"Column '{column.Name}' of table '{table.Name}' is {column.DataType}, which the row filter cannot compare.");
}
