using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Csv;

/// <summary>What <see cref="TableExport.ExportAsync"/> wrote.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Written">The rows written (those every filter kept).</param>
/// <param name="Total">The rows of the table.</param>
public sealed record TableExportResult(string Table, int Written, int Total);

/// <summary>
/// <c>inequalities export</c>: one table of a lake's current snapshot, optionally filtered, to CSV (through
/// <see cref="TableCsv"/>), for spreadsheets and the <c>sii</c> verb.
/// </summary>
public static class TableExport
{
    /// <summary>
    /// Reads a table of the current snapshot, keeps the rows where every filter holds and writes them to a CSV file.
    /// A filter is <c>COLUMN=VALUE</c>, compared by the column's type (the core's <see cref="TableFilters.Where"/>:
    /// numbers as numbers, so 2021 and 2021.0 alike); an empty VALUE keeps the rows where the column is empty.
    /// </summary>
    /// <param name="lakeDirectory">The lake.</param>
    /// <param name="table">The table, e.g. <c>inequality_quantiles</c>.</param>
    /// <param name="filters">Filters written <c>COLUMN=VALUE</c>; all must hold.</param>
    /// <param name="outputPath">The CSV file (replaced when it exists; lines end as the platform's do).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="InvalidOperationException">The lake has no current snapshot.</exception>
    /// <exception cref="KeyNotFoundException">The snapshot has no such table.</exception>
    /// <exception cref="ArgumentException">A filter is not <c>COLUMN=VALUE</c> with a column of the table, or its value cannot be compared with the column.</exception>
    public static async Task<TableExportResult> ExportAsync(string lakeDirectory, string table, IReadOnlyList<string> filters, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakeDirectory);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var all = await LakeSnapshot.OpenCurrent(lakeDirectory).ReadTableAsync(table, cancellationToken).ConfigureAwait(false);
        var conditions = new List<(string Column, CellValue Value)>(filters.Count);
        foreach (var f in filters)
        {
            var eq = f.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !all.Contains(f[..eq]))
            {
                throw new ArgumentException($"--filter '{f}' must be COLUMN=VALUE with a column of '{table}' ({string.Join(", ", all.Schema.Select(c => c.Name))}).");
            }

            // An empty VALUE keeps the rows where the column is empty (null), as the CSV writes them.
            conditions.Add((f[..eq], eq == f.Length - 1 ? CellValue.Null : f[(eq + 1)..]));
        }

        Table rows;
        try
        {
            rows = all.Where([.. conditions]);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"--filter: {ex.Message}", ex);
        }

        TableCsv.WriteFile(rows, outputPath, Environment.NewLine);
        return new TableExportResult(table, rows.RowCount, all.RowCount);
    }
}
