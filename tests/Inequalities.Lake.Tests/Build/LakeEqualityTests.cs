using System.Globalization;
using DuckDB.NET.Data;
using Inequalities.Lake.Snapshots;
using Inequalities.Lake.Tests.Build.Baseline;
using Inequalities.TestSupport;
using Xunit.Abstractions;

namespace Inequalities.Lake.Tests.Build;

/// <summary>
/// No change in behaviour: every table of the shared-data lake has the same content as the lake the pinned commit's
/// code builds from that commit's shared catalogue (eng/lake-baseline.rev). Two checks:
/// <list type="number">
/// <item>always: the current lake against the pinned lake's committed digest (eng/lake-baseline.digest.json, see
/// <see cref="LakeDigest"/>): the manifest's sources, and per table the row count, the columns and their types, every
/// file's Parquet schema and an exact order-independent content digest;</item>
/// <item>when this clone's history holds the pinned commit: its lake is built and every table compared row by row,
/// duplicates counted (DuckDB <c>EXCEPT ALL</c> both ways), with each file's Parquet schema, so a difference comes with
/// examples. Without the history (a shallow clone) the test says in its output that only the digest ran.</item>
/// </list>
/// Each side reads its own catalogue, so a change of the catalogue's format is no difference. Every value is compared
/// exactly, doubles included: the lake publishes figures, so a difference in the last bits is a change too.
/// <see cref="Tolerances"/> lists the columns allowed to differ and by how much; it is empty (the digest has none).
/// Changing the lake on purpose: <c>eng/update-lake-baseline.sh</c> moves the pin and rewrites the digest.
/// </summary>
[Collection(SharedLakeCollection.Name)]
public sealed class LakeEqualityTests(SharedLakeFixture lake, ITestOutputHelper output)
{
    /// <summary>Columns (table.column) compared within an absolute tolerance instead of exactly. None: every value is compared exactly.</summary>
    private static readonly IReadOnlyDictionary<string, double> Tolerances = new Dictionary<string, double>(StringComparer.Ordinal);

    private const string Update = "If the lake changed on purpose, run eng/update-lake-baseline.sh <commit that changed it> and commit the pin and digest, saying which tables change and why.";

    [Fact]
    public async Task EveryTable_SharedDataLake_EqualsTheLakeOfThePinnedCommit()
    {
        var baselineLake = new BaselineLake(SharedData.RepoRoot);
        var pin = baselineLake.PinnedRevision();
        var digest = LakeDigest.Read(Path.Combine(SharedData.RepoRoot, LakeDigest.FileName));
        Assert.True(
            digest.Commit.StartsWith(pin, StringComparison.OrdinalIgnoreCase) || pin.StartsWith(digest.Commit, StringComparison.OrdinalIgnoreCase),
            $"{LakeDigest.FileName} was made from commit {digest.Commit}, but {BaselineLake.PinFile} pins {pin}: update both with eng/update-lake-baseline.sh.");
        var current = lake.Snapshot;

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var actual = LakeDigest.Compute(current, digest.Commit, connection);
        var digestDifferences = digest.Differences(actual);
        var version = actual.DuckDb == digest.DuckDb ? string.Empty : $" The digest was made with DuckDB {digest.DuckDb} and this run has {actual.DuckDb}: a new DuckDB may hash differently; regenerate the digest with eng/update-lake-baseline.sh {pin}.";
        var digestFailure = digestDifferences.Count == 0
            ? null
            : $"Lake content differs from the digest of commit {digest.Commit} ({LakeDigest.FileName}):\n{string.Join("\n", digestDifferences)}\n{Update}{version}";
        output.WriteLine(digestFailure ?? $"Digest comparison: {actual.Tables.Count} tables and {actual.Sources.Count} sources equal the digest of commit {digest.Commit}.");

        var (commit, reason) = await baselineLake.TryResolveAsync(pin);
        if (commit is null)
        {
            output.WriteLine($"Only the digest comparison ran: {reason}. The row-by-row comparison with the pinned commit's lake needs its history.");
            Assert.True(digestFailure is null, digestFailure);
            return;
        }

        using var temp = new TempDirectory();
        var baseline = LakeSnapshot.OpenCurrent(await baselineLake.BuildLakeAsync(commit, temp.Path));
        Assert.Equal(baseline.TableNames.Order(StringComparer.Ordinal), current.TableNames.Order(StringComparer.Ordinal));
        Assert.Equal(
            baseline.Manifest.Sources.Select(s => (s.Id, s.Rows, s.Sha256, s.Note, s.RejectedRows)),
            current.Manifest.Sources.Select(s => (s.Id, s.Rows, s.Sha256, s.Note, s.RejectedRows)));

        var differences = new List<string>();
        foreach (var entry in current.Manifest.Tables)
        {
            var old = baseline.Manifest.Tables.Single(t => t.Name == entry.Name);
            Assert.Equal((entry.Name, old.Rows), (entry.Name, entry.Rows));
            var oldRelation = LakeRelations.Table(baseline, old);
            var newRelation = LakeRelations.Table(current, entry);
            var oldSchema = LakeRelations.Schema(connection, oldRelation);
            var newSchema = LakeRelations.Schema(connection, newRelation);
            Assert.Equal((entry.Name, string.Join(", ", oldSchema)), (entry.Name, string.Join(", ", newSchema)));
            var columns = string.Join(", ", oldSchema.Select(c => Projection(entry.Name, c)));
            differences.AddRange(Except(connection, entry.Name, "in the pinned commit's lake, not in the current one", columns, oldRelation, newRelation));
            differences.AddRange(Except(connection, entry.Name, "in the current lake, not in the pinned commit's", columns, newRelation, oldRelation));

            // Each file's Parquet schema too: types and nullability (required or optional) per column and part.
            var oldFiles = LakeRelations.ParquetSchema(baseline, old);
            var newFiles = LakeRelations.ParquetSchema(current, entry);
            Assert.True(Count(connection, newFiles) > newSchema.Count, $"{entry.Name}: no Parquet schema read from {newFiles}");
            differences.AddRange(Except(connection, entry.Name + " (Parquet schema)", "in the pinned commit's files, not in the current ones", "*", oldFiles, newFiles));
            differences.AddRange(Except(connection, entry.Name + " (Parquet schema)", "in the current files, not in the pinned commit's", "*", newFiles, oldFiles));
        }

        Assert.True(differences.Count == 0, $"Lake content differs from commit {commit} ({BaselineLake.PinFile}):\n{string.Join("\n", differences)}\n{Update}");
        Assert.True(digestFailure is null, digestFailure);
        output.WriteLine($"Row-by-row comparison: every table equals the lake of commit {commit}, built from its history.");
    }

    /// <summary>A column as compared: as it is, or rounded to the grid of its tolerance.</summary>
    private static string Projection(string table, (string Name, string Type) column)
    {
        var quoted = LakeRelations.Identifier(column.Name);
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
}
