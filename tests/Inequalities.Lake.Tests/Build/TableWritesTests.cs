using Inequalities.Core.Columnar;
using Inequalities.Lake.Build;
using Inequalities.Lake.Snapshots;
using Inequalities.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inequalities.Lake.Tests.Build;

/// <summary>The refresh writes tables in the background as it builds them; what it publishes must not depend on that.</summary>
public sealed class TableWritesTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SnapshotStaging _staging;

    public TableWritesTests()
    {
        _staging = new SnapshotPublisher(new LakeLayout(_temp.Path), new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero))).Begin();
    }

    public void Dispose()
    {
        _staging.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task CompleteAsync_ManyTablesAndAPartitionedOneInParts_EntriesInTheOrderGivenAndEveryRowWritten()
    {
        using var writes = new TableWrites(_staging, NullLogger.Instance, CancellationToken.None);
        writes.Write(Numbers("big", 200_000), ["a"]);
        var parts = writes.BeginPartitioned(TableNames.Indicators, ["s1", "s2"], ["source_id"]);
        writes.Write(Numbers("small", 3), ["b"]);
        parts.Add(Part("s1", 1_000));
        parts.Add(Part("s2", 2_500));
        parts.End();
        writes.Write(Numbers("last", 10), ["c"]);

        var entries = await writes.CompleteAsync();

        Assert.Equal(["big", TableNames.Indicators, "small", "last"], entries.Select(e => e.Name));
        Assert.Equal([200_000L, 3_500, 3, 10], entries.Select(e => e.Rows));
        Assert.Equal(TableNames.Indicators, entries[1].Path); // a folder of partitions
        Assert.Equal(["s1", "s2"], entries[1].Sources);
        foreach (var entry in entries)
        {
            Assert.Equal(entry.Rows, await LakeBuilder.CountRowsAsync(_staging.PathFor(entry.Path), CancellationToken.None));
        }

        Assert.True(File.Exists(Path.Combine(_staging.PathFor(TableNames.Indicators), "source_id=s2", "part-0.parquet")));
    }

    [Fact]
    public async Task End_PartitionedTableWithoutRows_WritesOneEmptyFileWithTheColumns()
    {
        using var writes = new TableWrites(_staging, NullLogger.Instance, CancellationToken.None);
        var parts = writes.BeginPartitioned(TableNames.Indicators, [], ["source_id"]);
        parts.Add(Part("s1", 0));
        parts.End();

        var entry = Assert.Single(await writes.CompleteAsync());

        Assert.Equal((TableNames.Indicators + ".parquet", 0L), (entry.Path, entry.Rows));
        await using var stream = File.OpenRead(_staging.PathFor(entry.Path));
        var back = await Inequalities.Lake.Parquet.ParquetTableReader.ReadAsync(stream);
        Assert.Equal(["source_id", "row", "value"], back.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task CompleteAsync_OneWriteFails_RethrowsThatFailureAndEveryWriteHasEnded()
    {
        using var writes = new TableWrites(_staging, NullLogger.Instance, CancellationToken.None);
        File.WriteAllText(_staging.PathFor("taken.parquet"), "published by no one"); // the write of "taken" cannot create its file
        writes.Write(Numbers("taken", 10), ["a"]);
        try
        {
            for (var i = 0; i < 20; i++)
            {
                writes.Write(Numbers($"other{i}", 50_000), ["b"]);
            }
        }
        catch (OperationCanceledException)
        {
            // The builder is stopped while it waits for the writers: a write failed.
        }

        var failure = await Assert.ThrowsAsync<IOException>(writes.CompleteAsync);

        Assert.Same(writes.Failure, failure);
        Assert.Contains("taken.parquet", failure.Message, StringComparison.Ordinal);
        Assert.Equal("published by no one", File.ReadAllText(_staging.PathFor("taken.parquet")));
        Assert.True(writes.Token.IsCancellationRequested); // the writes not yet started were cancelled
    }

    [Fact]
    public async Task BeginPartitioned_SamePartitionInTwoParts_FailsAndKeepsOnePartWhole()
    {
        using var writes = new TableWrites(_staging, NullLogger.Instance, CancellationToken.None);
        var parts = writes.BeginPartitioned(TableNames.Indicators, ["s1"], ["source_id"]);
        parts.Add(Part("s1", 100));
        parts.Add(Part("s1", 7));
        parts.End();

        await Assert.ThrowsAsync<IOException>(writes.CompleteAsync);

        // The two writes race for the file; whichever created it wrote it whole, and the other did not touch it.
        Assert.Contains(await LakeBuilder.CountRowsAsync(_staging.PathFor(TableNames.Indicators), CancellationToken.None), new[] { 100L, 7L });
    }

    private static Table Numbers(string name, int rows) =>
        new TableBuilder(name).Add<int>("row", Enumerable.Range(0, rows).ToArray()).Build();

    private static Table Part(string source, int rows) =>
        new TableBuilder(TableNames.Indicators)
            .Add("source_id", Enumerable.Repeat(source, rows))
            .Add<int>("row", Enumerable.Range(0, rows).ToArray())
            .AddNullable<double>("value", Enumerable.Range(0, rows).Select(i => i % 5 == 0 ? (double?)null : i / 4.0).ToArray())
            .Build();
}
