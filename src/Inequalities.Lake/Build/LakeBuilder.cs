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

/// <summary>What <see cref="LakeBuilder"/> built before the gradients: the build's summary, and the gradients' inputs.</summary>
/// <param name="Result">The sources' rows, notes and rejects (the tables are filled in at the end).</param>
/// <param name="Elapsed">Time since the first table was built.</param>
/// <param name="Gradients">The gradients' inputs, taken from the indicator tables as they were built.</param>
/// <param name="GradientSources">The sources of the gradient tables.</param>
/// <param name="MetadataSources">The sources of <c>indicator_metadata</c>.</param>
/// <param name="Metadata">The indicators seen, for <c>indicator_metadata</c>.</param>
internal sealed record BuiltTables(
    BuildResult Result, Stopwatch Elapsed, GradientInputs Gradients, IReadOnlyList<string> GradientSources, IReadOnlyList<string> MetadataSources, IndicatorMetadataTable Metadata);

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
        // One flow from the parsed sources to the files: each table is written in the background as soon as it is built
        // (one write per core), while the next is built, and let go once written; the indicator tables are built, taken
        // by the gradients and written one source at a time, so neither exists whole, and each source's parsed data is
        // let go once its parts are built. The gradients are computed while the last writes run.
        using var writes = new TableWrites(staging, logger, cancellationToken);
        try
        {
            // On a thread of its own: it waits whenever the writers are behind.
            var built = await Task.Factory.StartNew(
                () => BuildAndWriteTables(files, gradients, logger, writes, assetNeed, cache), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            var metadata = new IndicatorMetadataCatalogue(files.Select(f => f.Source));
            var clock = Stopwatch.StartNew();
            var output = await Task.Run(() => GradientTables.Compute(built.Gradients, metadata), writes.Token).ConfigureAwait(false);
            LogGradients(logger, output.Gradients.RowCount, output.Trends.RowCount, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);
            await writes.WriteAsync(output.Quantiles, built.GradientSources).ConfigureAwait(false);
            await writes.WriteAsync(output.Gradients, built.GradientSources).ConfigureAwait(false);
            await writes.WriteAsync(output.Trends, built.GradientSources).ConfigureAwait(false);
            await writes.WriteAsync(built.Metadata.Build(metadata), built.MetadataSources).ConfigureAwait(false);
            var entries = await writes.CompleteAsync().ConfigureAwait(false);
            logger.LogInformation(
                "Wrote {Tables} tables in {Elapsed} ms from the first table built (managed heap {Heap} MB, peak working set so far {Peak} MB)",
                entries.Length, built.Elapsed.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);
            return built.Result with { Tables = entries };
        }
        catch (Exception e)
        {
            await writes.AbandonAsync().ConfigureAwait(false); // nothing writes into the staging folder once the build has failed
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested && writes.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure); // a write failed: the build stopped because of it
            }

            throw;
        }
    }

    /// <summary>The process's peak working set in bytes (what <c>/usr/bin/time</c> reports as maximum resident set size).</summary>
    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>
    /// Parses the sources, builds every table but the gradients' and hands each to <paramref name="writes"/>; returns what
    /// the gradients need. Synchronous, so the parsed sources and the geography model are garbage once it returns
    /// (locals of the async caller would live until it returns).
    /// </summary>
    private static BuiltTables BuildAndWriteTables(
        IReadOnlyList<(SourceDefinition Source, string Path)> files,
        GradientSettings gradientSettings,
        ILogger logger,
        TableWrites writes,
        AssetNeedSettings? assetNeed,
        Refresh.SourceParseCache? cache)
    {
        var cancellationToken = writes.Token;
        var clock = Stopwatch.StartNew();
        var later = ParsedLater(files, assetNeed);
        var parsed = ParsedSources.Parse(files, cancellationToken, cache, source => later.Contains(source.Id));
        logger.LogInformation(
            "Parsed {Sources} sources in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)",
            files.Count, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);

        clock.Restart();
        var built = Stopwatch.StartNew();
        var geography = GeographyModel.Build(parsed);
        foreach (var warning in geography.Districts.Warnings)
        {
            LogGeographyWarning(logger, warning);
        }

        foreach (var (sourceId, note) in geography.Districts.Notes)
        {
            parsed.Notes.AddOrUpdate(sourceId, note, (_, old) => old + "; " + note);
        }

        // The tables, handed to the writers in their manifest order. The district summaries read the parsed indices,
        // populations and lookups, as areas and deprivation do: built on another core meanwhile, after which the
        // populations and lookups (the largest parsed sources) are let go. A failure waits for the tables being built
        // beside (nothing may run on after the build).
        cancellationToken.ThrowIfCancellationRequested();
        var beside = new List<Task>();
        try
        {
            return BuildAndWriteRest();
        }
        catch (Exception)
        {
            foreach (var task in beside)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (Exception)
                {
                    // The build's own failure is the one reported.
                }
            }

            throw;
        }

        BuiltTables BuildAndWriteRest()
        {
            var summaries = Task.Run(() => Summaries.LadDeprivationSummaries.Build(geography, parsed), cancellationToken);
            beside.Add(summaries);
            var bridges = LakeTables.Bridges(geography);
            var areas = LakeTables.Areas(geography);
            IReadOnlyList<string> areaSources = [.. parsed.Lookups.Select(l => l.SourceId), .. parsed.Populations.Select(p => p.Source.Id)];
            writes.Write(areas, areaSources);
            cancellationToken.ThrowIfCancellationRequested();
            var deprivation = LakeTables.Deprivation(geography, parsed.Deprivation);
            IReadOnlyList<string> deprivationSources = [.. parsed.Deprivation.Select(d => d.SourceId)];
            writes.Write(deprivation, deprivationSources);

            // The indicator sources in catalogue order: parsed already, or to parse when their turn comes.
            var parsedIndicators = parsed.Indicators.ToDictionary(i => i.Source.Id, i => i.Data, StringComparer.Ordinal);
            var sources = files.Where(f => later.Contains(f.Source.Id) || parsedIndicators.ContainsKey(f.Source.Id))
                .Select(f => (f.Source, f.Path, Data: parsedIndicators.GetValueOrDefault(f.Source.Id))).ToArray();
            parsedIndicators.Clear();
            var indicatorSources = sources.Select(s => s.Source.Id).ToList();
            var indicators = writes.BeginPartitioned(TableNames.Indicators, indicatorSources, PartitionedTables[TableNames.Indicators]);
            IReadOnlyList<string> lsoaSources = [.. indicatorSources, .. geography.LsoaChanges is null ? [] : new[] { geography.LsoaChanges.SourceId }];
            var lsoaIndicators = writes.BeginPartitioned(TableNames.LsoaIndicators, lsoaSources, PartitionedTables[TableNames.LsoaIndicators]);
            var summary = WaitFor(summaries);
            parsed.Populations.Clear();
            parsed.Lookups.Clear();

            // The asset tables read the registers, boundaries, centroids, postcodes and indices (and indicators parsed for
            // the need score), not what the indicator loop reads or writes: built on another core meanwhile, written after.
            var assets = Task.Run(
                () =>
                {
                    var tables = Assets.AssetNeedTables.Build(parsed, geography, assetNeed ?? new AssetNeedSettings(), logger);
                    tables.AddRange(OwnTables(parsed, [TableNames.Areas, TableNames.Deprivation, TableNames.Indicators, TableNames.LsoaIndicators, summary.Table.Name, .. tables.Select(t => t.Table.Name)]));
                    return tables;
                },
                cancellationToken);
            beside.Add(assets);

            // Gradient bases on another LSOA vintage than their index's carry the ranks through the change lookup.
            var gradientInputs = new GradientInputsBuilder(areas, deprivation, gradientSettings, gradientSettings.Bases.Any(b => b.Vintage is not null) ? bridges : null);
            var metadata = new IndicatorMetadataTable();
            var members = new Dictionary<int, (Dictionary<string, int[]> Members, List<string> Codes)>();
            for (var i = 0; i < sources.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (source, path, data) = sources[i];
                sources[i] = default; // its parts are all it is needed for (unless the worker's parse cache keeps it)
                data ??= parsed.ParseLater(source, path, cancellationToken, cache);
                if (data is null)
                {
                    continue; // not used (recorded as such)
                }

                var lsoaPart = LakeTables.LsoaIndicators(geography, bridges, members, source, data);
                gradientInputs.AddLsoaIndicators(lsoaPart);
                lsoaIndicators.Add(lsoaPart);
                var part = LakeTables.Indicators(source, data);
                gradientInputs.AddIndicators(part);
                metadata.Add(part);
                indicators.Add(part);
            }

            writes.Write(summary.Table, summary.Sources);
            foreach (var (table, tableSources) in WaitFor(assets))
            {
                writes.Write(table, tableSources);
            }

            // What is left of the parsed sources is what the manifest reports.
            parsed.Indicators.Clear();
            parsed.Deprivation.Clear();
            parsed.Boundaries.Clear();
            parsed.Centroids.Clear();
            parsed.Assets.Clear();
            parsed.PostcodeDirectories.Clear();
            parsed.OwnTables.Clear();

            if (sources.Length == 0)
            {
                indicators.Add(LakeTables.Indicators([]));
                lsoaIndicators.Add(LakeTables.EmptyLsoaIndicators());
            }

            indicators.End();
            lsoaIndicators.End();
            logger.LogInformation(
                "Built {Tables} tables in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)",
                writes.Count, clock.ElapsedMilliseconds, GC.GetTotalMemory(false) >> 20, PeakWorkingSet() >> 20);

            IReadOnlyList<string> gradientSources = [.. deprivationSources, .. lsoaSources, .. areaSources];
            return new BuiltTables(
                new BuildResult([], parsed.Rows, parsed.NotUsed, parsed.Notes, parsed.Rejected, parsed.ColumnsUsed), built, gradientInputs.Build(), gradientSources, indicatorSources, metadata);
        }
    }

    /// <summary>The result of a task run beside the builder (its own exception, not an aggregate).</summary>
    private static T WaitFor<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>
    /// The sources parsed one at a time as their tables are built (<see cref="Sources.Kinds.ISourceKind.ParsedOneAtATime"/>),
    /// by id: those of such kinds that no <c>asset_need</c> component needs before then.
    /// </summary>
    private static HashSet<string> ParsedLater(IReadOnlyList<(SourceDefinition Source, string Path)> files, AssetNeedSettings? assetNeed)
    {
        var components = (assetNeed ?? new AssetNeedSettings()).Need.Where(c => c.Index is null).ToList();
        return files.Where(f => Sources.Kinds.SourceKinds.For(f.Source).ParsedOneAtATime && !components.Any(c => c.Source is null || c.Source == f.Source.Id))
            .Select(f => f.Source.Id).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>The gradient tables, by name (written after the others).</summary>
    private static readonly string[] GradientTableNames = [TableNames.InequalityQuantiles, TableNames.InequalityGradients, TableNames.InequalityTrends, TableNames.IndicatorMetadata];

    /// <summary>The options every table file is written with: the table, snapshot and sources in its footer.</summary>
    internal static ParquetWriteOptions WriteOptions(string table, SnapshotStaging staging, IReadOnlyList<string> sources) => new()
    {
        Metadata = new Dictionary<string, string>
        {
            ["inequalities.table"] = table,
            ["inequalities.snapshot"] = staging.Id,
            ["inequalities.sources"] = string.Join(",", sources.Distinct()),
        },
    };

    /// <summary>Writes a whole table into the staging snapshot (a Hive-partitioned folder for <see cref="PartitionedTables"/>), synced to disk.</summary>
    internal static async Task<TableEntry> WriteTableAsync(
        Table table, IReadOnlyList<string> sources, SnapshotStaging staging, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = WriteOptions(table.Name, staging, sources);
        if (PartitionedTables.TryGetValue(table.Name, out var partitionBy) && table.RowCount > 0)
        {
            // Large tables as Hive-partitioned folders, so other engines read the parts in parallel.
            foreach (var part in await ParquetTableWriter.WritePartitionedAsync(table, staging.PathFor(table.Name), partitionBy, options, cancellationToken).ConfigureAwait(false))
            {
                using var durable = new FileStream(part, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                durable.Flush(flushToDisk: true);
            }

            LogPartitioned(logger, table.Name, table.RowCount, string.Join(", ", partitionBy));
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
        [TableNames.Indicators] = [IndicatorsColumns.SourceId],
        [TableNames.LsoaIndicators] = [LsoaIndicatorsColumns.SourceId],
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

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Wrote {Table}: {Rows} rows, partitioned by {Partitions}")]
    internal static partial void LogPartitioned(ILogger logger, string table, long rows, string partitions);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Computed {Gradients} inequality gradients and {Trends} trends in {Elapsed} ms (managed heap {Heap} MB, peak working set so far {Peak} MB)")]
    private static partial void LogGradients(ILogger logger, int gradients, int trends, long elapsed, long heap, long peak);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Geography: {Warning}")]
    private static partial void LogGeographyWarning(ILogger logger, string warning);
}
