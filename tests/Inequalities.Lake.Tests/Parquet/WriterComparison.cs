using System.Globalization;
using DuckDB.NET.Data;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Tests.Build.Baseline;

namespace Inequalities.Lake.Tests.Parquet;

/// <summary>
/// Writes a table with both Parquet writers (ParquetSharp and the Parquet.Net fallback) and lists every difference
/// DuckDB sees between the two: rows (<c>EXCEPT ALL</c> both ways, duplicates counted), column types, each file's
/// Parquet column schema (the root group aside: Arrow marks it REQUIRED, Parquet.Net leaves it unset), the footers'
/// <c>inequalities.*</c> metadata, and the publisher's footer-only row count of each writer's files.
/// </summary>
internal static class WriterComparison
{
    /// <summary>Writes <paramref name="table"/> with each writer under <paramref name="folder"/> (partitioned when <paramref name="partitionBy"/> is given) and returns the differences, empty when none.</summary>
    public static async Task<List<string>> DifferencesAsync(Table table, string folder, IReadOnlyList<string>? partitionBy = null)
    {
        var options = new ParquetWriteOptions
        {
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["inequalities.table"] = table.Name, ["inequalities.sources"] = "test" },
        };
        var native = await WriteAsync(table, Path.Combine(folder, "native", table.Name), partitionBy, options, ParquetWriterKind.Native);
        var managed = await WriteAsync(table, Path.Combine(folder, "managed", table.Name), partitionBy, options, ParquetWriterKind.Managed);

        var differences = new List<string>();
        foreach (var (writer, path) in new[] { ("native", native), ("managed", managed) })
        {
            var counted = await LakeBuilder.CountRowsAsync(path, CancellationToken.None);
            if (counted != table.RowCount)
            {
                differences.Add($"{table.Name}: the {writer} writer's footers count {counted} rows, the table has {table.RowCount}");
            }
        }

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var (nativeRows, managedRows) = (Rows(native), Rows(managed));
        var nativeTypes = LakeRelations.Schema(connection, nativeRows);
        var managedTypes = LakeRelations.Schema(connection, managedRows);
        if (!nativeTypes.SequenceEqual(managedTypes))
        {
            differences.Add($"{table.Name}: columns [{string.Join(", ", nativeTypes)}] from the native writer, [{string.Join(", ", managedTypes)}] from the managed one");
        }

        differences.AddRange(Except(connection, table.Name, "rows", nativeRows, managedRows));
        differences.AddRange(Except(connection, table.Name, "Parquet schema elements", ColumnSchema(native), ColumnSchema(managed)));
        differences.AddRange(Except(connection, table.Name, "footer metadata", Metadata(native), Metadata(managed)));
        return differences;
    }

    private static async Task<string> WriteAsync(Table table, string path, IReadOnlyList<string>? partitionBy, ParquetWriteOptions options, ParquetWriterKind writer)
    {
        if (partitionBy is not null)
        {
            await ParquetTableWriter.WritePartitionedWithAsync(table, path, partitionBy, options, writer, CancellationToken.None);
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = path + ".parquet";
        await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite);
        await ParquetTableWriter.WriteWithAsync(table, stream, options, writer, CancellationToken.None);
        return file;
    }

    private static string Glob(string path) => Directory.Exists(path) ? Path.Combine(path, "**", "*.parquet") : path;

    private static string Rows(string path) => Directory.Exists(path)
        ? $"(SELECT * FROM read_parquet({LakeRelations.Quote(Glob(path))}, hive_partitioning = true))"
        : $"(SELECT * FROM read_parquet({LakeRelations.Quote(path)}))";

    /// <summary>Each file's column elements (not the root group), each named by its path within the table.</summary>
    private static string ColumnSchema(string path) => $"""
        (SELECT substr(file_name, {path.Length + 1}) AS file, name, type, repetition_type, converted_type, logical_type::VARCHAR AS logical_type
         FROM parquet_schema({LakeRelations.Quote(Glob(path))}) WHERE coalesce(num_children, 0) = 0)
        """;

    private static string Metadata(string path) => $"""
        (SELECT substr(file_name, {path.Length + 1}) AS file, decode(key) AS key, decode(value) AS value
         FROM parquet_kv_metadata({LakeRelations.Quote(Glob(path))}) WHERE decode(key) LIKE 'inequalities.%')
        """;

    private static IEnumerable<string> Except(DuckDBConnection connection, string table, string what, string native, string managed)
    {
        foreach (var (from, minus, where) in new[] { (native, managed, "native writer's, not the managed"), (managed, native, "managed writer's, not the native") })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                WITH d AS (SELECT * FROM {from} EXCEPT ALL SELECT * FROM {minus})
                SELECT (SELECT count(*) FROM d), * FROM d LIMIT 3
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = Enumerable.Range(1, reader.FieldCount - 1).Select(i => reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
                yield return $"{table}: {reader.GetInt64(0)} {what} in the {where}, e.g. {string.Join(", ", values)}";
            }
        }
    }
}
