using Microsoft.Data.Analysis;

namespace Inequalities.Core.Columnar;

/// <summary>Converts tables to Microsoft.Data.Analysis data frames: the analyst-facing view, not the engine.</summary>
public static class DataFrameExtensions
{
    /// <summary>
    /// Copies <paramref name="table"/> into a <see cref="DataFrame"/> with one column per table column, nulls kept.
    /// Dates become <see cref="DateTime"/> at midnight (kind unspecified).
    /// </summary>
    public static DataFrame ToDataFrame(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new List<DataFrameColumn>(table.Columns.Count);
        foreach (var column in table.Columns)
        {
            columns.Add(column switch
            {
                PrimitiveColumn<int> c => new Int32DataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<long> c => new Int64DataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<double> c => new DoubleDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<float> c => new SingleDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<byte> c => new ByteDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<bool> c => new BooleanDataFrameColumn(c.Name, Rows(c)),
                PrimitiveColumn<DateOnly> c => new DateTimeDataFrameColumn(
                    c.Name, Rows(c).Select(d => d?.ToDateTime(TimeOnly.MinValue))),
                StringColumn c => new StringDataFrameColumn(c.Name, Enumerable.Range(0, c.Length).Select(i => c[i])),
                _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.DataType} has no DataFrame equivalent."),
            });
        }

        return new DataFrame(columns);
    }

    private static IEnumerable<T?> Rows<T>(PrimitiveColumn<T> column)
        where T : unmanaged
    {
        for (var i = 0; i < column.Length; i++)
        {
            yield return column[i];
        }
    }
}
