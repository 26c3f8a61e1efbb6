using System.Collections.Concurrent;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Kinds;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <summary>
/// Every source of a refresh, parsed by its kind (<see cref="SourceKinds"/>) and sorted by what it parsed into: the
/// lake's tables take every source of an output type (see <see cref="ParsedSource"/>), whatever its kind.
/// </summary>
internal sealed class ParsedSources
{
    public List<DeprivationData> Deprivation { get; } = [];

    public List<LookupData> Lookups { get; } = [];

    public List<(SourceDefinition Source, PopulationData Data)> Populations { get; } = [];

    public List<(SourceDefinition Source, IndicatorData Data)> Indicators { get; } = [];

    public List<BoundaryData> Boundaries { get; } = [];

    public List<CentroidData> Centroids { get; } = [];

    public List<AssetData> Assets { get; } = [];

    /// <summary>The postcodes the registers use, from each postcode directory in catalogue order (parsed after the registers).</summary>
    public List<PostcodeDirectory> PostcodeDirectories { get; } = [];

    /// <summary>Tables kinds publish as they are (<see cref="ParsedSource.Tables"/>), with their sources, in catalogue order.</summary>
    public List<(SourceDefinition Source, Core.Columnar.Table Table)> OwnTables { get; } = [];

    /// <summary>Remarks per source id for the manifest (e.g. how register rows were placed).</summary>
    public ConcurrentDictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

    /// <summary>Register rows rejected per source id (source, row, reason).</summary>
    public ConcurrentDictionary<string, IReadOnlyList<RejectedRow>> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows parsed per source id.</summary>
    public ConcurrentDictionary<string, long> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Per source with header aliases: the header each aliased field used (the manifest's <c>columns_used</c>).</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> ColumnsUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources whose kind this build does not use, with the reason.</summary>
    public ConcurrentDictionary<string, string> NotUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Parses every source: the kinds of stage 0 in parallel, then those of later stages in catalogue order (each
    /// seeing what was parsed before it). The first failure, in catalogue order, is rethrown as itself.
    /// </summary>
    /// <param name="files">The sources and their raw files.</param>
    /// <param name="cancellationToken">Stops parsing.</param>
    /// <param name="cache">Parsed results kept from earlier runs (the worker's incremental refresh), or null.</param>
    /// <param name="later">Sources left out, to be parsed one at a time with <see cref="ParseLater"/>; null: none.</param>
    public static ParsedSources Parse(
        IReadOnlyList<(SourceDefinition Source, string Path)> files, CancellationToken cancellationToken, Refresh.SourceParseCache? cache = null, Func<SourceDefinition, bool>? later = null)
    {
        var results = new ParsedSource?[files.Count];
        var now = Enumerable.Range(0, files.Count).Where(i => later is null || !later(files[i].Source)).ToList();
        var stages = now.Select(i => SourceKinds.For(files[i].Source).ParseStage).Distinct().Order().ToList();
        foreach (var stage in stages)
        {
            var earlier = results.OfType<ParsedSource>().ToList();
            var indices = now.Where(i => SourceKinds.For(files[i].Source).ParseStage == stage).ToList();
            if (stage == 0)
            {
                ParseAll(files, indices, results, new ParseContext { Earlier = earlier, CancellationToken = cancellationToken }, cache);
                continue;
            }

            foreach (var i in indices)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = ParseOne(files[i].Source, files[i].Path, new ParseContext { Earlier = earlier, CancellationToken = cancellationToken });
                earlier.Add(results[i]!);
            }
        }

        var parsed = new ParsedSources();
        foreach (var i in now)
        {
            parsed.Add(files[i].Source, results[i]!);
        }

        return parsed;
    }

    /// <summary>
    /// Parses a source <see cref="Parse"/> left for later (a kind parsed one at a time) and records its rows and headers
    /// used; returns what it parsed into (not kept here: the lists of parsed sources are left as they are, so other
    /// threads may read them meanwhile), or null when the lake does not use it (recorded as not used).
    /// </summary>
    /// <exception cref="InvalidOperationException">The kind parsed into something other than indicators.</exception>
    public IndicatorData? ParseLater(SourceDefinition source, string path, CancellationToken cancellationToken, Refresh.SourceParseCache? cache = null)
    {
        var context = new ParseContext { CancellationToken = cancellationToken };
        var result = cache is null ? ParseOne(source, path, context) : cache.GetOrParse(source, path, (s, p) => ParseOne(s, p, context));
        if (result is not (IndicatorData or UnusedSource) || result.Tables.Count > 0)
        {
            throw new InvalidOperationException(
                $"Source '{source.Id}': kind '{source.KindName}' is parsed one at a time, so it must parse into indicators only; it parsed into {result.GetType().Name}.");
        }

        Record(source, result);
        return result as IndicatorData;
    }

    /// <summary>Files one parsed source under what it parsed into, with its rows, headers used and rejected rows.</summary>
    public void Add(SourceDefinition source, ParsedSource result)
    {
        if (!Record(source, result))
        {
            return;
        }

        OwnTables.AddRange(result.Tables.Select(t => (source, t)));
        Deprivation.AddRange(Of<DeprivationData>(result));
        Lookups.AddRange(Of<LookupData>(result));
        Populations.AddRange(Of<PopulationData>(result).Select(p => (source, p)));
        Indicators.AddRange(Of<IndicatorData>(result).Select(x => (source, x)));
        Boundaries.AddRange(Of<BoundaryData>(result));
        Centroids.AddRange(Of<CentroidData>(result));
        Assets.AddRange(Of<AssetData>(result));
        PostcodeDirectories.AddRange(Of<PostcodeDirectory>(result));
    }

    /// <summary>Records what the manifest reports of a parsed source (thread-safe): its rows, headers used and rejected rows, or why it is not used (then false).</summary>
    private bool Record(SourceDefinition source, ParsedSource result)
    {
        if (result is UnusedSource unused)
        {
            NotUsed[source.Id] = unused.Reason;
            return false;
        }

        Rows[source.Id] = result.RowCount;
        if (result.ColumnsUsed is { Count: > 0 } used)
        {
            ColumnsUsed[source.Id] = used;
        }

        if (result is AssetData)
        {
            Rejected[source.Id] = result.Rejected;
        }

        return true;
    }

    private static IEnumerable<T> Of<T>(ParsedSource result)
        where T : ParsedSource => result is T typed ? [typed] : [];

    private static void ParseAll(IReadOnlyList<(SourceDefinition Source, string Path)> files, List<int> indices, ParsedSource?[] results, ParseContext context, Refresh.SourceParseCache? cache)
    {
        // The largest files first, handed out one at a time: the longest parse starts at once instead of last on a core
        // whose share was fixed up front (a national mid-year population file alone takes a third of the phase).
        var largestFirst = indices.OrderByDescending(i => Length(files[i].Path)).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<int, Exception>();
        try
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(largestFirst, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                i =>
                {
                    var (source, path) = files[i];
                    try
                    {
                        results[i] = cache is null ? ParseOne(source, path, context) : cache.GetOrParse(source, path, (s, p) => ParseOne(s, p, context));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failures[i] = e;
                        throw;
                    }
                });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Report the first failing source in catalogue order, as itself (not wrapped).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures.IsEmpty ? ex.InnerExceptions[0] : failures.MinBy(f => f.Key).Value);
        }
    }

    private static long Length(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>Parses one source with its kind's parser. Results are treated as read-only.</summary>
    internal static ParsedSource ParseOne(SourceDefinition source, string path, ParseContext context)
    {
        using var activity = Telemetry.RefreshTelemetry.ActivitySource.StartActivity("parse " + source.Id);
        activity?.SetTag("source_id", source.Id);
        return SourceKinds.For(source).Parse(source, path, context);
    }
}
