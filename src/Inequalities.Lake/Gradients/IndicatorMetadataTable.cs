using Inequalities.Core.Columnar;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>The catalogue's indicator metadata, by source id.</summary>
internal sealed class IndicatorMetadataCatalogue
{
    private readonly Dictionary<string, IndicatorMetadataSet> _sets;

    public IndicatorMetadataCatalogue(IEnumerable<SourceDefinition> sources)
    {
        _sets = new Dictionary<string, IndicatorMetadataSet>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source.IndicatorMetadata is { } set)
            {
                _sets[source.Id] = set;
            }
        }
    }

    public static IndicatorMetadataCatalogue Empty { get; } = new([]);

    public IndicatorMetadata? For(string sourceId, string indicatorId) =>
        _sets.TryGetValue(sourceId, out var set) ? set.For(indicatorId) : null;
}

/// <summary>
/// <c>indicator_metadata</c>: one row per indicator in the <c>indicators</c> table (source and indicator id) with what the
/// catalogue says it measures: polarity, value kind, unit, multiplier, whether a ratio of values means anything, and
/// the polarity in words. Indicators the catalogue says nothing about have null metadata.
/// </summary>
internal sealed class IndicatorMetadataTable
{
    // Each (source, indicator) pair with its name: the first non-null name of its rows.
    private readonly SortedDictionary<(string Source, string Indicator), string?> _pairs = new(Comparer<(string, string)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Item1, b.Item1);
        return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
    }));

    /// <summary>The table for the whole <c>indicators</c> table.</summary>
    public static Table Build(Table indicators, IndicatorMetadataCatalogue metadata)
    {
        var table = new IndicatorMetadataTable();
        table.Add(indicators);
        return table.Build(metadata);
    }

    /// <summary>Takes the indicators of a part of <c>indicators</c> (parts in table order).</summary>
    public void Add(Table indicators)
    {
        var source = indicators.Strings(IndicatorsColumns.SourceId);
        var indicator = indicators.Strings(IndicatorsColumns.IndicatorId);
        var name = indicators.Contains(IndicatorsColumns.IndicatorName) ? indicators.Strings(IndicatorsColumns.IndicatorName) : null;

        // By ids first (a look-up per row), then by strings once per pair.
        var firstNamed = new Dictionary<(int, int), int>();
        var sourceIds = source.Ids;
        var indicatorIds = indicator.Ids;
        for (var i = 0; i < indicators.RowCount; i++)
        {
            var ids = (sourceIds[i], indicatorIds[i]);
            if (!firstNamed.TryGetValue(ids, out var row) || (row >= 0 && name![row] is null))
            {
                firstNamed[ids] = name is null ? -1 : i;
            }
        }

        foreach (var ((s, id), row) in firstNamed)
        {
            var key = (source.Dictionary[s], id < 0 ? null! : indicator.Dictionary[id]);
            if (!_pairs.TryGetValue(key, out var known) || known is null)
            {
                _pairs[key] = row < 0 ? null : name![row];
            }
        }
    }

    /// <summary>The table: one row per indicator taken, in source and indicator order, with the catalogue's metadata.</summary>
    public Table Build(IndicatorMetadataCatalogue metadata)
    {
        var sources = new List<string>();
        var ids = new List<string>();
        var names = new List<string?>();
        var polarity = new List<string?>();
        var kind = new List<string?>();
        var unit = new List<string?>();
        var multiplier = new List<double?>();
        var ratio = new List<bool?>();
        var words = new List<string?>();
        foreach (var ((s, id), name) in _pairs)
        {
            var m = metadata.For(s, id);
            sources.Add(s);
            ids.Add(id);
            names.Add(name);
            polarity.Add(m?.PolarityName);
            kind.Add(m?.ValueKindName);
            unit.Add(m?.Unit);
            multiplier.Add(m?.Multiplier);
            ratio.Add(m?.IsRatioScale);
            words.Add(m is null ? null : GradientVocabulary.Polarity(m.Polarity));
        }

        return new TableBuilder(TableNames.IndicatorMetadata)
            .Add(IndicatorMetadataColumns.SourceId, sources).Add(IndicatorMetadataColumns.IndicatorId, ids).Add(IndicatorMetadataColumns.IndicatorName, names)
            .Add(IndicatorMetadataColumns.Polarity, polarity).Add(IndicatorMetadataColumns.ValueKind, kind).Add(IndicatorMetadataColumns.Unit, unit)
            .AddNullable<double>(IndicatorMetadataColumns.Multiplier, multiplier.ToArray()).AddNullable<bool>(IndicatorMetadataColumns.RatioScale, ratio.ToArray())
            .Add(IndicatorMetadataColumns.PolarityWords, words)
            .Build();
    }
}
