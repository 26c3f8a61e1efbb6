using Inequalities.Core.Columnar;
using Xunit;

namespace Inequalities.TestSupport;

/// <summary>Compares tables cell by cell through the public column API, whatever produced them.</summary>
public static class TableAssert
{
    /// <summary>
    /// Same schema, row count, null counts and cells. Cells compare with <see cref="object.Equals(object, object)"/>:
    /// exact for numbers (NaN equals NaN), ordinal for strings. The message names the first differing column and row.
    /// </summary>
    public static void Equal(Table expected, Table actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var column in expected.Columns)
        {
            var other = actual.Column(column.Name);
            Assert.Equal(column.NullCount, other.NullCount);
            var want = Cells(column);
            var got = Cells(other);
            for (var i = 0; i < want.Length; i++)
            {
                if (!Equals(want[i], got[i]))
                {
                    Assert.Fail($"Column '{column.Name}' row {i}: expected {want[i] ?? "null"}, read {got[i] ?? "null"}.");
                }
            }
        }
    }

    /// <summary>The column's cells in row order, boxed; null for a null row.</summary>
    public static object?[] Cells(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return [.. Enumerable.Range(0, column.Length).Select(i => column switch
        {
            PrimitiveColumn<int> c => c[i],
            PrimitiveColumn<long> c => c[i],
            PrimitiveColumn<double> c => c[i],
            PrimitiveColumn<float> c => c[i],
            PrimitiveColumn<byte> c => c[i],
            PrimitiveColumn<bool> c => c[i],
            PrimitiveColumn<DateOnly> c => c[i],
            StringColumn c => (object?)c[i],
            _ => throw new NotSupportedException($"Column '{column.Name}' has type {column.DataType}, which TableAssert does not know."),
        })];
    }
}
