using System.Globalization;
using DuckDB.NET.Data;

namespace Inequalities.Benchmarks;

/// <summary>
/// The floor the refresh is measured against (benchmarks/refresh.sh): DuckDB, in this process, reading each file the
/// national shared-data refresh reads and writing it as one zstd Parquet file, with DuckDB's own threads set to 2.
/// CSV and gzipped CSV through <c>read_csv</c> (sniffed), GeoJSON through <c>read_json</c>. The <c>--empty</c> form
/// only opens DuckDB and runs <c>SELECT 1</c>, so the report can show what the .NET runtime and DuckDB cost before
/// any data.
/// </summary>
internal static class DuckDbParseWrite
{
    public const string Mode = "duckdb-parse-write";

    /// <summary>Runs the mode: <c>duckdb-parse-write OUTPUT_DIR FILE...</c> or <c>duckdb-parse-write --empty</c>.</summary>
    public static int Run(string[] args)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET threads = 2");
        if (args.Length == 1 && args[0] == "--empty")
        {
            Execute(connection, "SELECT 1");
            return 0;
        }

        if (args.Length < 2)
        {
            Console.Error.WriteLine($"usage: {Mode} OUTPUT_DIR FILE... | {Mode} --empty");
            return 2;
        }

        var output = args[0];
        Directory.CreateDirectory(output);
        long rows = 0;
        for (var i = 1; i < args.Length; i++)
        {
            var file = args[i];
            var reader = file.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? $"read_json({Quote(file)})"
                : $"read_csv({Quote(file)})";
            var target = Path.Combine(output, i.ToString("D2", CultureInfo.InvariantCulture) + "-" + Path.GetFileName(file) + ".parquet");
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM {reader}) TO {Quote(target)} (FORMAT parquet, COMPRESSION zstd)";
            rows += command.ExecuteNonQuery();
        }

        Console.WriteLine($"DuckDB wrote {rows} rows from {args.Length - 1} files to {output}");
        return 0;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
