using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DuckDB.NET.Data;
using Inequalities.Lake.Snapshots;

namespace Inequalities.Lake.Tests.Build.Baseline;

/// <summary>
/// What the "no change in behaviour" test knows of the pinned commit's lake without its history: per source the
/// manifest's rows, file digest, note and rejected rows; per table the row count, the columns with their DuckDB types,
/// every file's Parquet schema (types and nullability per column and part) and an exact, order-independent digest of
/// the content: the sum of DuckDB's 64-bit <c>hash</c> over every row (all columns, partition columns included;
/// duplicates counted), summed without overflow. Committed as <see cref="FileName"/> beside the pin, written by
/// <c>eng/update-lake-baseline.sh</c>. The hash is DuckDB's, so the digest names the DuckDB version that made it.
/// </summary>
internal sealed record LakeDigest
{
    /// <summary>The digest file, relative to the repository root.</summary>
    public const string FileName = "eng/lake-baseline.digest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people to read, never HTML
    };

    /// <summary>The commit whose code built the lake (the pin).</summary>
    public required string Commit { get; init; }

    /// <summary>DuckDB's version string: the content digests are sums of its <c>hash</c>.</summary>
    [JsonPropertyName("duckdb")]
    public required string DuckDb { get; init; }

    /// <summary>The manifest's sources, in manifest order.</summary>
    public required IReadOnlyList<SourceDigest> Sources { get; init; }

    /// <summary>The manifest's tables, by name.</summary>
    public required IReadOnlyList<TableDigest> Tables { get; init; }

    /// <summary>Reads a digest file.</summary>
    public static LakeDigest Read(string path) =>
        JsonSerializer.Deserialize<LakeDigest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no lake digest.");

    /// <summary>Writes this digest as indented JSON.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The digest of <paramref name="snapshot"/>, built by <paramref name="commit"/>'s code.</summary>
    public static LakeDigest Compute(LakeSnapshot snapshot, string commit, DuckDBConnection connection)
    {
        var tables = new List<TableDigest>();
        foreach (var table in snapshot.Manifest.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var relation = LakeRelations.Table(snapshot, table);
            var columns = LakeRelations.Schema(connection, relation);
            var hashed = string.Join(", ", columns.Select(c => LakeRelations.Identifier(c.Name)));
            var (rows, content) = Query(connection, $"SELECT count(*), CAST(coalesce(sum(hash({hashed})::HUGEINT), 0) AS VARCHAR) FROM {relation}");
            tables.Add(new TableDigest
            {
                Name = table.Name,
                Rows = table.Rows,
                RowsRead = rows,
                Columns = [.. columns.Select(c => $"{c.Name} {c.Type}")],
                Parquet = ParquetSchema(connection, snapshot, table),
                Content = content,
            });
        }

        return new LakeDigest
        {
            Commit = commit,
            DuckDb = Version(connection),
            Sources = [.. snapshot.Manifest.Sources.Select(s => new SourceDigest { Id = s.Id, Rows = s.Rows, Sha256 = s.Sha256, Note = s.Note, RejectedRows = s.RejectedRows })],
            Tables = tables,
        };
    }

    /// <summary>DuckDB's version string.</summary>
    public static string Version(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version()";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>Every difference of <paramref name="actual"/> from this (expected) digest, one line each; empty when equal.</summary>
    public IReadOnlyList<string> Differences(LakeDigest actual)
    {
        var differences = new List<string>();
        var expectedSources = Sources.Select(s => s.ToString()).ToList();
        var actualSources = actual.Sources.Select(s => s.ToString()).ToList();
        differences.AddRange(expectedSources.Except(actualSources).Select(s => $"manifest source in the digest, not in the lake: {s}"));
        differences.AddRange(actualSources.Except(expectedSources).Select(s => $"manifest source in the lake, not in the digest: {s}"));

        var names = Tables.Select(t => t.Name).Union(actual.Tables.Select(t => t.Name)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var expected = Tables.SingleOrDefault(t => t.Name == name);
            var found = actual.Tables.SingleOrDefault(t => t.Name == name);
            if (expected is null || found is null)
            {
                differences.Add($"{name}: table {(expected is null ? "in the lake, not in the digest" : "in the digest, not in the lake")}");
                continue;
            }

            differences.AddRange(expected.Differences(found));
        }

        return differences;
    }

    /// <summary>Each file's Parquet schema elements as "file name type repetition converted logical" (no file for a single-file table), sorted.</summary>
    private static List<string> ParquetSchema(DuckDBConnection connection, LakeSnapshot snapshot, TableEntry table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT file, name, type, repetition_type, converted_type, logical_type FROM {LakeRelations.ParquetSchema(snapshot, table)}";
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : reader.GetValue(i).ToString())).TrimStart());
        }

        elements.Sort(StringComparer.Ordinal);
        return elements;
    }

    private static (long Rows, string Content) Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetString(1));
    }
}

/// <summary>One source of the manifest as the digest records it.</summary>
internal sealed record SourceDigest
{
    public required string Id { get; init; }

    public long? Rows { get; init; }

    public string? Sha256 { get; init; }

    public string? Note { get; init; }

    public long? RejectedRows { get; init; }
}

/// <summary>One table as the digest records it.</summary>
internal sealed record TableDigest
{
    public required string Name { get; init; }

    /// <summary>Rows as the manifest says.</summary>
    public required long Rows { get; init; }

    /// <summary>Rows as DuckDB reads them from the files.</summary>
    public required long RowsRead { get; init; }

    /// <summary>"name TYPE" per column, in order, as DuckDB describes the table (partition columns included).</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Each file's Parquet schema elements, sorted.</summary>
    public required IReadOnlyList<string> Parquet { get; init; }

    /// <summary>The sum of DuckDB's <c>hash</c> of every row, as a decimal HUGEINT.</summary>
    public required string Content { get; init; }

    /// <summary>Every difference of <paramref name="actual"/> from this (expected) table, one line each.</summary>
    public IEnumerable<string> Differences(TableDigest actual)
    {
        if ((Rows, RowsRead) != (actual.Rows, actual.RowsRead))
        {
            yield return $"{Name}: {actual.Rows} rows in the manifest and {actual.RowsRead} in the files; the digest has {Rows} and {RowsRead}";
        }

        if (!Columns.SequenceEqual(actual.Columns, StringComparer.Ordinal))
        {
            yield return $"{Name}: columns [{string.Join(", ", actual.Columns)}]; the digest has [{string.Join(", ", Columns)}]";
        }

        foreach (var element in Parquet.Except(actual.Parquet, StringComparer.Ordinal))
        {
            yield return $"{Name} (Parquet schema): in the digest, not in the files: {element}";
        }

        foreach (var element in actual.Parquet.Except(Parquet, StringComparer.Ordinal))
        {
            yield return $"{Name} (Parquet schema): in the files, not in the digest: {element}";
        }

        if (Content != actual.Content)
        {
            yield return $"{Name}: content digest {actual.Content}; the digest has {Content} (some row differs, exactly compared)";
        }
    }
}
