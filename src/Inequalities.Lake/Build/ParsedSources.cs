using System.Collections.Concurrent;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <summary>Every source of a refresh, parsed by kind.</summary>
internal sealed class ParsedSources
{
    public List<DeprivationData> Deprivation { get; } = [];

    public List<LookupData> Lookups { get; } = [];

    public List<(SourceDefinition Source, PopulationData Data)> Populations { get; } = [];

    public List<(SourceDefinition Source, IndicatorData Data)> Indicators { get; } = [];

    public List<BoundaryData> Boundaries { get; } = [];

    public List<CentroidData> Centroids { get; } = [];

    public List<AssetData> Assets { get; } = [];

    /// <summary>The postcodes the registers use, from the postcode directory (parsed after the registers).</summary>
    public PostcodeDirectory? Postcodes { get; private set; }

    /// <summary>Remarks per source id for the manifest (e.g. how register rows were placed).</summary>
    public ConcurrentDictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

    /// <summary>Register rows rejected per source id (source, row, reason).</summary>
    public ConcurrentDictionary<string, IReadOnlyList<RejectedRow>> Rejected { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows parsed per source id.</summary>
    public ConcurrentDictionary<string, long> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Per source with header aliases: the header each aliased field used (the manifest's <c>columns_used</c>).</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> ColumnsUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources whose kind this build does not use yet, with the reason.</summary>
    public ConcurrentDictionary<string, string> NotUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses every source (in parallel); the first failure is rethrown with the source named.</summary>
    /// <param name="files">The sources and their raw files.</param>
    /// <param name="cancellationToken">Stops parsing.</param>
    /// <param name="cache">Parsed results kept from earlier runs (the worker's incremental refresh), or null.</param>
    public static ParsedSources Parse(IReadOnlyList<(SourceDefinition Source, string Path)> files, CancellationToken cancellationToken, Refresh.SourceParseCache? cache = null)
    {
        var parsed = new ParsedSources();
        var results = new object?[files.Count];
        try
        {
            ParseAll(files, results, cache, cancellationToken);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Report the first failing source in catalogue order, as itself (not wrapped).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        for (var i = 0; i < files.Count; i++)
        {
            var source = files[i].Source;
            parsed.NoteColumnsUsed(source.Id, results[i]);
            switch (results[i])
            {
                case DeprivationData d:
                    parsed.Deprivation.Add(d);
                    parsed.Rows[source.Id] = d.LsoaCodes.Length;
                    break;
                case LookupData l:
                    parsed.Lookups.Add(l);
                    parsed.Rows[source.Id] = l.Rows;
                    break;
                case PopulationData p:
                    parsed.Populations.Add((source, p));
                    parsed.Rows[source.Id] = p.AreaCodes.Length;
                    break;
                case IndicatorData x:
                    parsed.Indicators.Add((source, x));
                    parsed.Rows[source.Id] = x.Rows;
                    break;
                case BoundaryData b:
                    parsed.Boundaries.Add(b);
                    parsed.Rows[source.Id] = b.Areas.Count;
                    break;
                case CentroidData c:
                    parsed.Centroids.Add(c);
                    parsed.Rows[source.Id] = c.Points.Count;
                    break;
                case AssetData a:
                    parsed.Assets.Add(a);
                    parsed.Rows[source.Id] = a.Records.Count;
                    parsed.Rejected[source.Id] = a.Rejected;
                    break;
                case null when source.Kind == SourceKind.Postcodes:
                    break;
                default:
                    parsed.NotUsed[source.Id] = $"sources of kind '{source.Kind}' are fetched and kept in the raw cache; the lake tables do not use them yet";
                    break;
            }
        }

        parsed.ParsePostcodes(files, cancellationToken);
        return parsed;
    }

    /// <summary>
    /// The postcode directory is read after the registers and keeps only the postcodes they use (the full ONSPD has
    /// about 2.7 million rows). With no register, it is not read.
    /// </summary>
    private void ParsePostcodes(IReadOnlyList<(SourceDefinition Source, string Path)> files, CancellationToken cancellationToken)
    {
        var directories = files.Where(f => f.Source.Kind == SourceKind.Postcodes).ToList();
        if (directories.Count == 0)
        {
            return;
        }

        var wanted = Assets.SelectMany(a => a.Records).Select(r => PostcodeParser.Normalise(r.Postcode)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (source, path) in directories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Assets.Count == 0 || Postcodes is not null)
            {
                NotUsed[source.Id] = Assets.Count == 0
                    ? "the postcode directory places register rows; the catalogue has no register enabled"
                    : $"another postcode directory ('{Postcodes!.SourceId}') was used";
                continue;
            }

            Postcodes = PostcodeParser.Parse(source, path, wanted);
            Rows[source.Id] = Postcodes.RowsRead;
            NoteColumnsUsed(source.Id, Postcodes);
        }
    }

    private void NoteColumnsUsed(string sourceId, object? data)
    {
        var used = data switch
        {
            DeprivationData d => d.ColumnsUsed,
            LookupData l => l.ColumnsUsed,
            PopulationData p => p.ColumnsUsed,
            IndicatorData x => x.ColumnsUsed,
            BoundaryData b => b.ColumnsUsed,
            CentroidData c => c.ColumnsUsed,
            AssetData a => a.ColumnsUsed,
            PostcodeDirectory pc => pc.ColumnsUsed,
            _ => null,
        };
        if (used is { Count: > 0 })
        {
            ColumnsUsed[sourceId] = used;
        }
    }

    private static void ParseAll(IReadOnlyList<(SourceDefinition Source, string Path)> files, object?[] results, Refresh.SourceParseCache? cache, CancellationToken cancellationToken)
    {
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (source, path) = files[i];
            using var activity = Telemetry.RefreshTelemetry.ActivitySource.StartActivity("parse " + source.Id);
            activity?.SetTag("source_id", source.Id);
            results[i] = cache is null ? ParseOne(source, path) : cache.GetOrParse(source, path, ParseOne);
        });
    }

    /// <summary>Parses one source by kind; null for kinds no table uses yet. Results are treated as read-only.</summary>
    internal static object? ParseOne(SourceDefinition source, string path) =>
        source.Kind switch
        {
            SourceKind.Deprivation => SourceParser.Deprivation(source, path),
            SourceKind.Lookup => SourceParser.Lookup(source, path),
            SourceKind.Population => SourceParser.Population(source, path),
            SourceKind.Indicator or SourceKind.Fingertips => SourceParser.Indicators(source, path),
            SourceKind.Boundaries => GeoParsers.Boundaries(source, path),
            SourceKind.Centroids => GeoParsers.Centroids(source, path),
            SourceKind.Assets => AssetParser.Parse(source, path),
            _ => null,
        };
}
