using System.Globalization;
using DuckDB.NET.Data;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// No change in behaviour: every table of the shared-data lake has the same content as the lake the pinned commit's
/// code builds from that commit's shared catalogue (eng/lake-baseline.rev; update the pin in the commit that changes lake
/// content on purpose). Each side reads its own catalogue, so a change of the catalogue's format is no difference. Per table of the manifest, partitioned tables included: the same columns with the same types, the same
/// row count, and no row of one missing from the other, duplicates counted (DuckDB <c>EXCEPT ALL</c> both ways). Every
/// value is compared exactly, doubles included: the lake publishes figures, so a difference in the last bits is a
/// change too. <see cref="Tolerances"/> lists the columns allowed to differ and by how much; it is empty.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class LakeEqualityTests(SharedLakeFixture lake)
{
    /// <summary>Columns (table.column) compared within an absolute tolerance instead of exactly. None: every value is compared exactly.</summary>
    private static readonly IReadOnlyDictionary<string, double> Tolerances = new Dictionary<string, double>(StringComparer.Ordinal);

    [Fact]
    public async Task EveryTable_SharedDataLake_EqualsTheLakeOfThePinnedCommit()
    {
        var commit = await BaselineLake.ResolveAsync(BaselineLake.PinnedRevision());
        var worker = await BaselineLake.WorkerAsync(commit);
        using var temp = new TempDirectory();
        var catalogue = await BaselineLake.CatalogueAsync(commit, temp.Path);
        var folder = temp.Combine("lake");
        await BaselineLake.RefreshAsync(worker, catalogue, folder);
        var baseline = LakeSnapshot.OpenCurrent(folder);
        var current = lake.Snapshot;

        Assert.Equal(baseline.TableNames.Order(StringComparer.Ordinal), current.TableNames.Order(StringComparer.Ordinal));
        Assert.Equal(
            baseline.Manifest.Sources.Select(s => (s.Id, s.Rows, s.Sha256, s.Note, s.RejectedRows)),
            current.Manifest.Sources.Select(s => (s.Id, s.Rows, s.Sha256, s.Note, s.RejectedRows)));

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var differences = new List<string>();
        foreach (var entry in current.Manifest.Tables)
        {
            var old = baseline.Manifest.Tables.Single(t => t.Name == entry.Name);
            Assert.Equal((entry.Name, old.Rows), (entry.Name, entry.Rows));
            var oldRelation = Relation(baseline, old);
            var newRelation = Relation(current, entry);
            var oldSchema = Schema(connection, oldRelation);
            var newSchema = Schema(connection, newRelation);
            Assert.Equal((entry.Name, string.Join(", ", oldSchema)), (entry.Name, string.Join(", ", newSchema)));
            var columns = string.Join(", ", oldSchema.Select(c => Projection(entry.Name, c)));
            differences.AddRange(Except(connection, entry.Name, "in the pinned commit's lake, not in the current one", columns, oldRelation, newRelation));
            differences.AddRange(Except(connection, entry.Name, "in the current lake, not in the pinned commit's", columns, newRelation, oldRelation));

            // Each file's Parquet schema too: types and nullability (required or optional) per column and part.
            var oldFiles = Files(baseline, old);
            var newFiles = Files(current, entry);
            Assert.True(Count(connection, newFiles) > newSchema.Count, $"{entry.Name}: no Parquet schema read from {newFiles}");
            differences.AddRange(Except(connection, entry.Name + " (Parquet schema)", "in the pinned commit's files, not in the current ones", "*", oldFiles, newFiles));
            differences.AddRange(Except(connection, entry.Name + " (Parquet schema)", "in the current files, not in the pinned commit's", "*", newFiles, oldFiles));
        }

        Assert.True(differences.Count == 0, $"Lake content differs from commit {commit} ({BaselineLake.PinFile}):\n" + string.Join("\n", differences));
    }

    private static string Relation(LakeSnapshot snapshot, TableEntry table)
    {
        var path = Path.Combine(snapshot.Directory, table.Path);
        return Directory.Exists(path)
            ? $"read_parquet({Quote(Path.Combine(path, "**", "*.parquet"))}, hive_partitioning = true)"
            : $"read_parquet({Quote(path)})";
    }

    /// <summary>Every file's schema elements, each named by its path within the table (the part folder for a partitioned table).</summary>
    private static string Files(LakeSnapshot snapshot, TableEntry table)
    {
        var path = Path.Combine(snapshot.Directory, table.Path);
        var glob = Directory.Exists(path) ? Path.Combine(path, "**", "*.parquet") : path;
        return $"""
            (SELECT substr(file_name, {path.Length + 1}) AS file, name, type, repetition_type, converted_type, logical_type::VARCHAR AS logical_type
             FROM parquet_schema({Quote(glob)}))
            """;
    }

    private static List<(string Name, string Type)> Schema(DuckDBConnection connection, string relation)
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

    /// <summary>A column as compared: as it is, or rounded to the grid of its tolerance.</summary>
    private static string Projection(string table, (string Name, string Type) column)
    {
        var quoted = "\"" + column.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return Tolerances.TryGetValue(table + "." + column.Name, out var tolerance)
            ? $"round({quoted} / {tolerance.ToString("R", CultureInfo.InvariantCulture)}) AS {quoted}"
            : quoted;
    }

    private static IEnumerable<string> Except(DuckDBConnection connection, string table, string where, string columns, string from, string minus)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH d AS (SELECT {columns} FROM {from} EXCEPT ALL SELECT {columns} FROM {minus})
            SELECT (SELECT count(*) FROM d), * FROM d LIMIT 5
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var values = Enumerable.Range(1, reader.FieldCount - 1)
                .Select(i => reader.GetName(i) + "=" + Show(reader, i));
            yield return $"{table}: {reader.GetInt64(0)} row(s) {where}, e.g. {string.Join(", ", values)}";
        }
    }

    private static string Show(DuckDBDataReader reader, int i) => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static long Count(DuckDBConnection connection, string relation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {relation}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
