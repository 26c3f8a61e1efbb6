using System.CommandLine;
using Inequalities.Lake.Csv;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities export</c>: one lake table (optionally filtered) to CSV (<see cref="TableExport"/>), for spreadsheets and the <c>sii</c> verb.</summary>
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
        try
        {
            var result = await TableExport.ExportAsync(lake.FullName, tableName, filters, output.FullName, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"Wrote {result.Written} of {result.Total} rows of {result.Table} to {output.FullName}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
    }
}
