using System.CommandLine;
using System.Globalization;
using System.Text;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities export</c>: one lake table (optionally filtered) to CSV, for spreadsheets and the <c>sii</c> verb.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var lake = CommonOptions.Lake();
        var table = new Option<string>("--table") { Description = "The table name, e.g. inequality_quantiles.", Required = true };
        var filter = new Option<string[]>("--filter") { Description = "Keep rows where COLUMN=VALUE (repeatable; all must hold). Numbers compare as numbers (2021 and 2021.0 alike); an empty VALUE keeps empty cells.", AllowMultipleArgumentsPerToken = false };
        var output = new Option<FileInfo>("--output") { Description = "The CSV file to write.", Required = true };
        var command = new Command("export", "Write a table of the current snapshot to CSV, optionally filtered.") { lake, table, filter, output };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(lake)!, parse.GetValue(table)!, parse.GetValue(filter) ?? [], parse.GetValue(output)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo lake, string tableName, string[] filters, FileInfo output, CancellationToken cancellationToken)
    {
        Table table;
        try
        {
            table = await LakeSnapshot.OpenCurrent(lake.FullName).ReadTableAsync(tableName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var conditions = new List<(string Column, CellValue Value)>(filters.Length);
        foreach (var f in filters)
        {
            var eq = f.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !table.Contains(f[..eq]))
            {
                await Console.Error.WriteLineAsync($"--filter '{f}' must be COLUMN=VALUE with a column of '{tableName}' ({string.Join(", ", table.Schema.Select(c => c.Name))}).").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            // An empty VALUE keeps the rows where the column is empty (null), as the CSV writes them.
            conditions.Add((f[..eq], eq == f.Length - 1 ? CellValue.Null : f[(eq + 1)..]));
        }

        Table rows;
        try
        {
            rows = table.Where([.. conditions]);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"--filter: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        await using var writer = new StreamWriter(output.FullName, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', rows.Columns.Select(c => Quote(c.Name)))).ConfigureAwait(false);
        for (var i = 0; i < rows.RowCount; i++)
        {
            await writer.WriteLineAsync(string.Join(',', rows.Columns.Select(c => Quote(Format(c, i))))).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync($"Wrote {rows.RowCount} of {table.RowCount} rows of {tableName} to {output.FullName}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string Format(Column column, int row) => !column.IsValid(row) ? string.Empty : column switch
    {
        StringColumn s => s[row] ?? string.Empty,
        PrimitiveColumn<double> d => d[row]!.Value.ToString("R", CultureInfo.InvariantCulture),
        PrimitiveColumn<int> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<long> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<bool> b => b[row]!.Value ? "true" : "false",
        _ => throw new NotSupportedException($"Column '{column.Name}' of type {column.DataType} cannot be exported yet."),
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
