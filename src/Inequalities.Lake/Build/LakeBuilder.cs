using System.Diagnostics;
using Inequalities.Core.Columnar;
using Inequalities.Lake.Gradients;
using Inequalities.Lake.Parquet;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Microsoft.Extensions.Logging;

namespace Inequalities.Lake.Build;

/// <summary>What a build wrote into a staging snapshot.</summary>
/// <param name="Tables">The tables, for the manifest.</param>
/// <param name="Rows">Rows parsed per source id.</param>
/// <param name="NotUsed">Sources fetched but not used by any table yet, with the reason.</param>
/// <param name="Notes">Remarks per source (e.g. how register rows were placed).</param>
/// <param name="Rejected">Register rows rejected per source (source, row, reason).</param>
/// <param name="ColumnsUsed">Per source with header aliases: the header each aliased field used.</param>
internal sealed record BuildResult(
    IReadOnlyList<TableEntry> Tables,
    IReadOnlyDictionary<string, long> Rows,
    IReadOnlyDictionary<string, string> NotUsed,
    IReadOnlyDictionary<string, string>? Notes = null,
    IReadOnlyDictionary<string, IReadOnlyList<Sources.Parsing.RejectedRow>>? Rejected = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? ColumnsUsed = null);

/// <summary>Parses the fetched sources and writes the lake's tables as Parquet into a staging snapshot.</summary>
internal static partial class LakeBuilder
{
    public static async Task<BuildResult> BuildAsync(
        IReadOnlyList<(SourceDefinition Source, string Path)> files,
        GradientSettings gradients,
        SnapshotStaging staging,
        ILogger logger,
        CancellationToken cancellationToken,
        AssetNeedSettings? assetNeed = null,
        Refresh.SourceParseCache? cache = null)
    {
        // Parsing and table building run in a synchronous helper, so the parsed sources and the geography model
        // are garbage once the tables exist (locals of this async method would live until it returns).
        var (tables, summary, bridges) = BuildTables(files, logger, cancellationToken, assetNeed, cache, gradients.Bases.Any(b => b.Vintage is not null));
        var metadata = new IndicatorMetadataCatalogue(files.Select(f => f.Source));
        if (cache is not { Retain: true })
        {
            // The parsed sources are garbage now (nothing keeps them for a next run): one full, compacting collection
            // returns their memory before the writes and gradients allocate theirs, which lowers the refresh's peak
            // resident memory by about 60 MB for some 50 ms; the GC left alone would find them only later.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }


        // Tables are independent: write them concurrently (one per core), releasing each once written, while the
        // gradients are computed from what they took of the tables beforehand; then write the gradient tables.
        var clock = Stopwatch.StartNew();
        var baseCount = tables.Count;
        var inputs = GradientTables.Prepare(tables[0].Table, tables[1].Table, tables[3].Table, gradients, tables[2].Table, bridges);
        var indicatorMetadata = (IndicatorMetadataTable.Build(tables[2].Table, metadata), tables[2].Sources);
        IReadOnlyList<string> gradientSources = [.. tables[1].Sources, .. tables[3].Sources, .. tables[0].Sources];
        var gradientTask = Task.Run(() => BuildGradients(inputs, gradientSources, indicatorMetadata, metadata, logger), cancellationToken);
        var entries = new TableEntry[baseCount + GradientTableCount];
        await WriteTablesAsync(tables, 0, staging, logger, entries, cancellationToken).ConfigureAwait(false);
        var gradientTables = await gradientTask.ConfigureAwait(false);
        await WriteTablesAsync(gradientTables, baseCount, staging, logger, entries, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Wrote {Tables} tables in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)",
            entries.Length, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);

        return summary with { Tables = entries };
    }

    /// <summary>The process's peak working set in bytes (what <c>/usr/bin/time</c> reports as maximum resident set size).</summary>
    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>The tables <see cref="BuildGradients"/> writes.</summary>
    private const int GradientTableCount = 4;

    private static (List<(Table Table, IReadOnlyList<string> Sources)> Tables, BuildResult Summary, Dictionary<int, Core.Geography.VintageBridge>? Bridges) BuildTables(
        IReadOnlyList<(SourceDefinition Source, string Path)> files,
        ILogger logger,
        CancellationToken cancellationToken,
        AssetNeedSettings? assetNeed,
        Refresh.SourceParseCache? cache,
        bool bridgesForGradients)
    {
        var clock = Stopwatch.StartNew();
        var parsed = ParsedSources.Parse(files, cancellationToken, cache);
        logger.LogInformation(
            "Parsed {Sources} sources in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)",
            files.Count, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);

        clock.Restart();
        var geography = GeographyModel.Build(parsed);
        foreach (var warning in geography.Districts.Warnings)
        {
            LogGeographyWarning(logger, warning);
        }

        foreach (var (sourceId, note) in geography.Districts.Notes)
        {
            parsed.Notes.AddOrUpdate(sourceId, note, (_, old) => old + "; " + note);
        }

        // One table after another, the largest first: each builder's growth and garbage is gone before the next
        // starts, which keeps the refresh's peak memory down (building them concurrently peaked about 50 MB higher for
        // little wall time: the parsed sources are single-threaded to read).
        cancellationToken.ThrowIfCancellationRequested();
        var lsoaIndicators = LakeTables.LsoaIndicators(geography, parsed.Indicators);
        cancellationToken.ThrowIfCancellationRequested();
        var indicators = LakeTables.Indicators(parsed.Indicators);
        cancellationToken.ThrowIfCancellationRequested();
        var deprivation = LakeTables.Deprivation(geography, parsed.Deprivation);
        cancellationToken.ThrowIfCancellationRequested();
        var summaries = Summaries.LadDeprivationSummaries.Build(geography, parsed);
        var areas = LakeTables.Areas(geography);

        var tables = new List<(Table Table, IReadOnlyList<string> Sources)>
        {
            (areas, [.. parsed.Lookups.Select(l => l.SourceId), .. parsed.Populations.Select(p => p.Source.Id)]),
            (deprivation, [.. parsed.Deprivation.Select(d => d.SourceId)]),
            (indicators, [.. parsed.Indicators.Select(i => i.Source.Id)]),
            (lsoaIndicators, [.. parsed.Indicators.Select(i => i.Source.Id), .. geography.LsoaChanges is null ? [] : new[] { geography.LsoaChanges.SourceId }]),
            summaries,
        };
        tables.AddRange(Assets.AssetNeedTables.Build(parsed, geography, assetNeed ?? new AssetNeedSettings(), logger));
        tables.AddRange(OwnTables(parsed, tables.Select(t => t.Table.Name)));
        logger.LogInformation(
            "Built {Tables} tables in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)",
            tables.Count, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);

        // Gradient bases on another LSOA vintage than their index's carry the ranks through the change lookup.
        var bridges = bridgesForGradients ? LakeTables.Bridges(geography) : null;
        return (tables, new BuildResult([], parsed.Rows, parsed.NotUsed, parsed.Notes, parsed.Rejected, parsed.ColumnsUsed), bridges);
    }

    /// <summary>
    /// The tables kinds publish as they are (<see cref="Sources.Parsing.ParsedSource.Tables"/>), each with its source; a
    /// name the lake or another source already uses fails the refresh naming both.
    /// </summary>
    private static IEnumerable<(Table Table, IReadOnlyList<string> Sources)> OwnTables(ParsedSources parsed, IEnumerable<string> builtIn)
    {
        var names = builtIn.Concat(GradientTableNames).ToDictionary(n => n, _ => "the lake", StringComparer.Ordinal);
        foreach (var (source, table) in parsed.OwnTables)
        {
            if (!names.TryAdd(table.Name, $"source '{source.Id}'"))
            {
                throw new Sources.Parsing.SourceDataException(source.Id, null, null, $"its kind '{source.KindName}' publishes a table '{table.Name}', which {names[table.Name]} already publishes; one table has one source of it");
            }

            yield return (table, [source.Id]);
        }
    }

    /// <summary>The tables <see cref="BuildGradients"/> writes, by name.</summary>
    private static readonly string[] GradientTableNames = ["inequality_quantiles", "inequality_gradients", "inequality_trends", "indicator_metadata"];

    private static List<(Table Table, IReadOnlyList<string> Sources)> BuildGradients(
        GradientInputs inputs, IReadOnlyList<string> gradientSources, (Table Table, IReadOnlyList<string> Sources) indicatorMetadata,
        IndicatorMetadataCatalogue metadata, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        var output = GradientTables.Compute(inputs, metadata);
        logger.LogInformation(
            "Computed {Gradients} inequality gradients and {Trends} trends in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)",
            output.Gradients.RowCount, output.Trends.RowCount, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);
        return [(output.Quantiles, gradientSources), (output.Gradients, gradientSources), (output.Trends, gradientSources), indicatorMetadata];
    }

    private static Task WriteTablesAsync(
        List<(Table Table, IReadOnlyList<string> Sources)> tables, int offset, SnapshotStaging staging, ILogger logger, TableEntry[] entries, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, tables.Count).OrderByDescending(i => tables[i].Table.RowCount).ToArray(), // the largest first: no long write left alone at the end
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                entries[offset + i] = await WriteTableAsync(tables[i].Table, tables[i].Sources, staging, logger, token).ConfigureAwait(false);
                tables[i] = (null!, tables[i].Sources); // written: let it go
            });

    private static async Task<TableEntry> WriteTableAsync(
        Table table, IReadOnlyList<string> sources, SnapshotStaging staging, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = new ParquetWriteOptions
        {
            Metadata = new Dictionary<string, string>
            {
                ["inequalities.table"] = table.Name,
                ["inequalities.snapshot"] = staging.Id,
                ["inequalities.sources"] = string.Join(",", sources.Distinct()),
            },
        };
        if (PartitionedTables.TryGetValue(table.Name, out var partitionBy) && table.RowCount > 0)
        {
            // Large tables as Hive-partitioned folders, so other engines read the parts in parallel.
            foreach (var part in await ParquetTableWriter.WritePartitionedAsync(table, staging.PathFor(table.Name), partitionBy, options, cancellationToken).ConfigureAwait(false))
            {
                using var durable = new FileStream(part, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                durable.Flush(flushToDisk: true);
            }

            logger.LogInformation("Wrote {Table}: {Rows} rows, partitioned by {Partitions}", table.Name, table.RowCount, string.Join(", ", partitionBy));
            return new TableEntry { Name = table.Name, Path = table.Name, Rows = table.RowCount, Sources = [.. sources.Distinct()] };
        }

        var relative = table.Name + ".parquet";
        var stream = new FileStream(staging.PathFor(relative), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await ParquetTableWriter.WriteAsync(table, stream, options, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        logger.LogInformation("Wrote {Table}: {Rows} rows", table.Name, table.RowCount);
        return new TableEntry { Name = table.Name, Path = relative, Rows = table.RowCount, Sources = [.. sources.Distinct()] };
    }

    /// <summary>Tables written as Hive-partitioned folders (<c>&lt;table&gt;/source_id=.../part-0.parquet</c>), with their partition columns.</summary>
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> PartitionedTables = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["indicators"] = ["source_id"],
        ["lsoa_indicators"] = ["source_id"],
    };

    /// <summary>Reads back a table file's footer (or every part's of a partitioned table's folder) and returns its row count (the publisher's check before <c>current</c> moves).</summary>
    public static async ValueTask<long> CountRowsAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            var parts = Directory.GetFiles(path, "*.parquet", SearchOption.AllDirectories);
            var counts = new long[parts.Length];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, parts.Length),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (i, token) => counts[i] = await CountRowsAsync(parts[i], token).ConfigureAwait(false)).ConfigureAwait(false);
            return counts.Sum();
        }

        // The footer, checked against the file (ParquetTableReader.ReadRowCountAsync): decoding every page again cost
        // about a tenth of a national refresh.
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ParquetTableReader.ReadRowCountAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Geography: {Warning}")]
    private static partial void LogGeographyWarning(ILogger logger, string warning);
}
