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
internal static class IndicatorMetadataTable
{
    public static Table Build(Table indicators, IndicatorMetadataCatalogue metadata)
    {
        var source = indicators.Strings(IndicatorsColumns.SourceId);
        var indicator = indicators.Strings(IndicatorsColumns.IndicatorId);
        var hasName = indicators.Contains(IndicatorsColumns.IndicatorName);
        var pairs = new SortedDictionary<(string Source, string Indicator), string?>(Comparer<(string, string)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        for (var i = 0; i < indicators.RowCount; i++)
        {
            var key = (source[i]!, indicator[i]!);
            if (!pairs.TryGetValue(key, out var name) || name is null)
            {
                pairs[key] = hasName ? indicators.Strings(IndicatorsColumns.IndicatorName)[i] : null;
            }
        }

        var sources = new List<string>();
        var ids = new List<string>();
        var names = new List<string?>();
        var polarity = new List<string?>();
        var kind = new List<string?>();
        var unit = new List<string?>();
        var multiplier = new List<double?>();
        var ratio = new List<bool?>();
        var words = new List<string?>();
        foreach (var ((s, id), name) in pairs)
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
