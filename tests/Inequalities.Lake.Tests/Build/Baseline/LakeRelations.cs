using DuckDB.NET.Data;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Tests.Build.Baseline;

/// <summary>A lake snapshot's tables and their files' Parquet schemas as DuckDB relations (SQL text).</summary>
internal static class LakeRelations
{
    /// <summary>The table's rows: its file, or every part of its Hive-partitioned folder with the partition columns.</summary>
    public static string Table(LakeSnapshot snapshot, TableEntry table)
    {
        var path = Path.Combine(snapshot.Directory, table.Path);
        return Directory.Exists(path)
            ? $"read_parquet({Quote(Path.Combine(path, "**", "*.parquet"))}, hive_partitioning = true)"
            : $"read_parquet({Quote(path)})";
    }

    /// <summary>Every file's schema elements, each named by its path within the table (the part folder for a partitioned table).</summary>
    public static string ParquetSchema(LakeSnapshot snapshot, TableEntry table)
    {
        var path = Path.Combine(snapshot.Directory, table.Path);
        var glob = Directory.Exists(path) ? Path.Combine(path, "**", "*.parquet") : path;
        return $"""
            (SELECT substr(file_name, {path.Length + 1}) AS file, name, type, repetition_type, converted_type, logical_type::VARCHAR AS logical_type
             FROM parquet_schema({Quote(glob)}))
            """;
    }

    /// <summary>The relation's columns and their DuckDB types, in order.</summary>
    public static List<(string Name, string Type)> Schema(DuckDBConnection connection, string relation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {relation}";
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    /// <summary>A column name quoted for SQL.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A path or text quoted as an SQL string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
