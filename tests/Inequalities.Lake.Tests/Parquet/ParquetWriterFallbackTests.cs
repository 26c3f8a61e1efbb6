using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;
using Inequalities.Lake.Tests.Build;
using Inequalities.Lake.Parquet;
using Inequalities.TestSupport;

namespace Inequalities.Lake.Tests.Parquet;

/// <summary>
/// The managed fallback writer (Parquet.Net) writes what the native one (ParquetSharp) writes: the same rows, column
/// types, Parquet column schemas and footer metadata (<see cref="WriterComparison"/>), and the choice between them.
/// </summary>
public sealed class ParquetWriterFallbackTests
{
    /// <summary>Every column type the lake writes, each with nulls but the id (<see cref="Arrow.DuckDbArrowTests.RandomTable"/>).</summary>
    private static Table EveryType(int rows) => Arrow.DuckDbArrowTests.RandomTable(rows, 7);

    /// <summary>Values at the edges: empty and non-ASCII strings, NaN, infinities, the integers' extremes.</summary>
    private static Table EdgeValues() => new TableBuilder("edge_values")
        .Add("text", ["", null, "café", "E01000001"])
        .Add<double>("value", [double.NaN, double.NegativeInfinity, double.MaxValue, double.Epsilon])
        .Add<float>("ratio", [float.NaN, float.PositiveInfinity, float.MinValue, 0.1f])
        .Add<int>("count", [int.MinValue, int.MaxValue, 0, -1])
        .Add<long>("id", [long.MinValue, long.MaxValue, 0, 1])
        .Build();

    [Fact]
    public async Task WriteWithAsync_EveryColumnTypeWithNullsAndEdgeValues_ManagedEqualsNative()
    {
        using var temp = new TempDirectory();

        var differences = await WriterComparison.DifferencesAsync(EveryType(5_000), temp.Path);
        differences.AddRange(await WriterComparison.DifferencesAsync(EdgeValues(), temp.Path));

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task WriteWithAsync_EmptyTable_ManagedEqualsNative()
    {
        using var temp = new TempDirectory();

        var differences = await WriterComparison.DifferencesAsync(EveryType(0), temp.Path);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task WritePartitionedWithAsync_NullPartitions_ManagedEqualsNative()
    {
        using var temp = new TempDirectory();

        // Both partition columns have nulls (__HIVE_DEFAULT_PARTITION__).
        var differences = await WriterComparison.DifferencesAsync(EveryType(3_000), temp.Path, ["lad_code", "urban"]);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData(" Auto ")]
    public void Choose_AutoAndNativeLoads_ChoosesNative(string? setting)
    {
        var (kind, reason) = ParquetWriterChoice.Choose(setting, () => null);

        Assert.Equal(ParquetWriterKind.Native, kind);
        Assert.Contains("loaded", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_AutoAndNativeFailsToLoad_FallsBackToManagedNamingTheReason()
    {
        var (kind, reason) = ParquetWriterChoice.Choose("auto", () => "DllNotFoundException: Unable to load shared library 'ParquetSharpNative'");

        Assert.Equal(ParquetWriterKind.Managed, kind);
        Assert.Contains("could not load", reason, StringComparison.Ordinal);
        Assert.Contains("Unable to load shared library 'ParquetSharpNative'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_Managed_ChoosesManagedWithoutProbing()
    {
        var (kind, reason) = ParquetWriterChoice.Choose("MANAGED", () => throw new InvalidOperationException("probed"));

        Assert.Equal(ParquetWriterKind.Managed, kind);
        Assert.Equal("INEQUALITIES_PARQUET_WRITER=managed", reason);
    }

    [Fact]
    public void Choose_NativeThatCannotLoad_ThrowsNamingTheSettingAndReason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ParquetWriterChoice.Choose("native", () => "DllNotFoundException: no library"));

        Assert.Contains("INEQUALITIES_PARQUET_WRITER=native", error.Message, StringComparison.Ordinal);
        Assert.Contains("DllNotFoundException: no library", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_UnknownValue_ThrowsListingTheValidValues()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ParquetWriterChoice.Choose("parquet.net", () => null));

        Assert.Contains("INEQUALITIES_PARQUET_WRITER is 'parquet.net'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected managed (Parquet.Net), native (ParquetSharp) or auto", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Both writers on the shared-data lake's tables: what one writes, the other writes too.</summary>
[Collection(SharedLakeCollection.Name)]
public sealed class SharedLakeWriterTests(SharedLakeFixture lake)
{
    /// <summary>Every table but the three largest (indicators, lsoa_indicators, deprivation: over 600,000 rows each), to keep the test short.</summary>
    private const int MaxRows = 300_000;

    [Fact]
    public async Task WriteWithAsync_SharedLakeTables_ManagedEqualsNative()
    {
        using var temp = new TempDirectory();
        var differences = new List<string>();
        var written = new List<string>();

        foreach (var entry in lake.Snapshot.Manifest.Tables.Where(t => t.Rows <= MaxRows))
        {
            var table = await lake.Snapshot.ReadTableAsync(entry.Name);
            differences.AddRange(await WriterComparison.DifferencesAsync(table, temp.Path));
            written.Add(entry.Name);
        }

        // A partitioned table as the lake writes indicators and lsoa_indicators: Hive parts by source_id.
        var quantiles = await lake.Snapshot.ReadTableAsync("inequality_quantiles");
        differences.AddRange(await WriterComparison.DifferencesAsync(quantiles, Path.Combine(temp.Path, "partitioned"), LakeBuilder.PartitionedTables["lsoa_indicators"]));

        Assert.True(written.Count >= 15, $"only {written.Count} tables compared: {string.Join(", ", written)}");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
