namespace Inequalities.Lake.Parquet;

/// <summary>How <see cref="ParquetTableWriter"/> lays out and compresses a file.</summary>
public sealed class ParquetWriteOptions
{
    /// <summary>The default options.</summary>
    public static ParquetWriteOptions Default { get; } = new();

    /// <summary>
    /// The maximum number of rows per row group. Parquet.Net holds a whole column chunk in memory while it encodes it, so
    /// the row group bounds the writer's buffers: a national refresh peaked about 300 MB higher with 1,000,000-row groups
    /// for the same CPU time; 131,072 is close to DuckDB's default (122,880) and readers still skip and split by group.
    /// </summary>
    /// <value>The default value is 131,072.</value>
    public int RowGroupSize { get; init; } = DefaultRowGroupSize;

    /// <summary>The default <see cref="RowGroupSize"/>.</summary>
    public const int DefaultRowGroupSize = 131_072;

    /// <summary>The compression codec for every column.</summary>
    /// <value>The default value is <see cref="ParquetCompression.Zstd"/>.</value>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Zstd;

    /// <summary>The compression effort.</summary>
    /// <value>The default value is <see cref="System.IO.Compression.CompressionLevel.Optimal"/>.</value>
    public System.IO.Compression.CompressionLevel CompressionLevel { get; init; } = System.IO.Compression.CompressionLevel.Optimal;

    /// <summary>
    /// Key-value metadata stored in the file footer (e.g. provenance: source ids and sha256s). Keys must be non-empty.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (no metadata).</value>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Throws one exception listing every problem with these options.</summary>
    /// <exception cref="ArgumentException">Some option is invalid.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (RowGroupSize < 1)
        {
            problems.Add($"RowGroupSize must be at least 1 (was {RowGroupSize}).");
        }

        if (!Enum.IsDefined(Compression))
        {
            problems.Add($"Compression {(int)Compression} is not a ParquetCompression value.");
        }

        if (!Enum.IsDefined(CompressionLevel))
        {
            problems.Add($"CompressionLevel {(int)CompressionLevel} is not a CompressionLevel value.");
        }

        if (Metadata is not null)
        {
            foreach (var (key, value) in Metadata)
            {
                if (string.IsNullOrWhiteSpace(key))
                {
                    problems.Add("Metadata keys must not be empty or white space.");
                }

                if (value is null)
                {
                    problems.Add($"Metadata value for '{key}' must not be null.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid Parquet write options: {string.Join(" ", problems)}");
        }
    }
}

/// <summary>The compression codecs the lake writes.</summary>
public enum ParquetCompression
{
    /// <summary>No compression.</summary>
    None,

    /// <summary>Snappy: fast, moderate ratio; read by every engine.</summary>
    Snappy,

    /// <summary>Zstandard: better ratio at similar read speed; read by DuckDB, Spark, Arrow, pandas.</summary>
    Zstd,

    /// <summary>Gzip: widely readable, slower.</summary>
    Gzip,
}

/// <summary>How <see cref="ParquetTableReader"/> builds a <see cref="Core.Columnar.Table"/>.</summary>
public sealed class ParquetReadOptions
{
    /// <summary>The name given to the table (used in error messages).</summary>
    /// <value>The default value is <c>"table"</c>.</value>
    public string TableName { get; init; } = "table";

    /// <summary>
    /// The dictionary string columns encode into; pass one shared dictionary when reading several tables that are to be
    /// joined on codes.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: one new dictionary shared by the file's string columns.</value>
    public Core.Columnar.CodeDictionary? Dictionary { get; init; }
}
