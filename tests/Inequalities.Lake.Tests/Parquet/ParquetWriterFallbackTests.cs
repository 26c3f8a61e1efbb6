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
    /// <summary>Every column type the lake writes, each with nulls, plus a column without any.</summary>
    private static Table EveryType(int rows)
    {
        var code = new StringColumnBuilder("code", null, rows);
        var flag = new PrimitiveColumnBuilder<bool>("flag", rows);
        var small = new PrimitiveColumnBuilder<byte>("small", rows);
        var count = new PrimitiveColumnBuilder<int>("count", rows);
        var id = new PrimitiveColumnBuilder<long>("id", rows);
        var ratio = new PrimitiveColumnBuilder<float>("ratio", rows);
        var value = new PrimitiveColumnBuilder<double>("value", rows);
        var date = new PrimitiveColumnBuilder<DateOnly>("date", rows);
        var required = new PrimitiveColumnBuilder<int>("required", rows);
        var random = new Random(7);
        for (var i = 0; i < rows; i++)
        {
            code.Append(i % 11 == 0 ? null : i % 13 == 0 ? string.Empty : $"E0{random.Next(5)} café {i % 40}");
            flag.Append(i % 9 == 0 ? null : random.Next(2) == 0);
            small.Append(i % 8 == 0 ? null : (byte)random.Next(256));
            count.Append(i % 7 == 0 ? null : random.Next(int.MinValue, int.MaxValue));
            id.Append(i % 6 == 0 ? null : random.NextInt64(long.MinValue, long.MaxValue));
            ratio.Append(i % 5 == 0 ? null : i % 17 == 0 ? float.NaN : (float)random.NextDouble());
            value.Append(i % 4 == 0 ? null : i % 19 == 0 ? double.NegativeInfinity : random.NextDouble() * 1e6);
            date.Append(i % 3 == 0 ? null : DateOnly.FromDayNumber(random.Next(600_000, 800_000)));
            required.Append(i);
        }

        return new Table("every_type", [code.Build(), flag.Build(), small.Build(), count.Build(), id.Build(), ratio.Build(), value.Build(), date.Build(), required.Build()]);
    }

    [Fact]
    public async Task WriteWithAsync_EveryColumnTypeWithNulls_ManagedEqualsNative()
    {
        using var temp = new TempDirectory();

        var differences = await WriterComparison.DifferencesAsync(EveryType(5_000), temp.Path);

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
    public async Task WritePartitionedWithAsync_NullAndEmptyPartitions_ManagedEqualsNative()
    {
        using var temp = new TempDirectory();

        // code has nulls and empty strings (both __HIVE_DEFAULT_PARTITION__); rows of one part are split over row groups.
        var differences = await WriterComparison.DifferencesAsync(EveryType(3_000), temp.Path, ["code", "flag"]);

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
