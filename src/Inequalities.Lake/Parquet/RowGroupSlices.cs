using Inequalities.Core.Columnar;

namespace Inequalities.Lake.Parquet;

/// <summary>The row groups of one file write, shared by both Parquet writers.</summary>
internal static class RowGroupSlices
{
    /// <summary>
    /// The row groups of writing <paramref name="table"/>, or only the rows <paramref name="rows"/> selects (in that
    /// order): each as the table to read from (the table itself, or the group's rows gathered, so a selection never
    /// copies more than a row group), the group's first row in it and its row count. A write without rows yields one
    /// empty group when <paramref name="emptyGroup"/>, else none.
    /// </summary>
    public static IEnumerable<(Table Group, int Offset, int Count)> Of(Table table, int[]? rows, int rowGroupSize, bool emptyGroup, CancellationToken cancellationToken)
    {
        var rowCount = rows?.Length ?? table.RowCount;
        for (var start = 0; start < rowCount || (emptyGroup && start == 0); start += rowGroupSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(rowGroupSize, rowCount - start);
            yield return rows is null ? (table, start, count) : (table.Take(rows.AsSpan(start, count)), 0, count);
        }
    }
}
