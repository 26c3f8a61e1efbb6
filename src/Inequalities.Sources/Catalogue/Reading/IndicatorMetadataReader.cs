using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>A source's indicator metadata (<c>indicator:</c> and <c>indicators:</c>): polarity, kind of value, unit, multiplier.</summary>
internal sealed class IndicatorMetadataReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["polarity", "value_kind", "unit", "multiplier"];

    public IndicatorMetadataSet? Read(YamlMappingNode entry, string? id, SourceKind? kind, IReadOnlyDictionary<string, string>? columns)
    {
        var defaultNode = Child(entry, "indicator");
        var entriesNode = Child(entry, "indicators");
        if (defaultNode is null && entriesNode is null)
        {
            return null;
        }

        if (kind is not (null or SourceKind.Indicator or SourceKind.Fingertips))
        {
            Problem(Line(defaultNode ?? entriesNode!), id, defaultNode is null ? "indicators" : "indicator", "is only used by indicator and fingertips sources");
            return null;
        }

        var set = new IndicatorMetadataSet();
        if (defaultNode is not null)
        {
            set = set with { Default = ReadMetadata(defaultNode, id, "indicator") };
        }

        // Wide sources name their indicators (value.<id> columns), so keys and coverage can be checked here.
        var known = columns?.Keys.Where(k => k.StartsWith("value.", StringComparison.Ordinal)).Select(k => k["value.".Length..]).ToList() ?? [];
        var given = new List<string>();
        if (entriesNode is not null)
        {
            if (entriesNode is not YamlMappingNode map || map.Children.Count == 0)
            {
                Problem(Line(entriesNode), id, "indicators", "must be a non-empty mapping of indicator id (or a pattern with *) to {polarity, value_kind, unit}");
                return set;
            }

            var entries = new List<KeyValuePair<string, IndicatorMetadata>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value;
                var field = $"indicators.{key}";
                if (string.IsNullOrWhiteSpace(key))
                {
                    Problem(Line(keyNode), id, "indicators", "each key must be an indicator id or a pattern with *");
                    continue;
                }

                given.Add(key);
                if (!seen.Add(key))
                {
                    Problem(Line(keyNode), id, field, "is given twice");
                    continue;
                }

                var pattern = key.Contains('*', StringComparison.Ordinal);
                if (known.Count > 0 && !known.Any(k => pattern ? IndicatorMetadataSet.Matches(key, k) : k == key))
                {
                    Problem(Line(keyNode), id, field, pattern
                        ? "matches none of this source's indicators (its value.<id> columns)"
                        : $"is not an indicator of this source (its value.<id> columns: {string.Join(", ", known)})");
                }

                if (ReadMetadata(value, id, field) is { } metadata)
                {
                    entries.Add(new KeyValuePair<string, IndicatorMetadata>(key, metadata));
                }
            }

            set = set with { Entries = entries };
        }

        // A key given with invalid metadata has its own problem: count it as covered.
        var uncovered = defaultNode is null
            ? known.Where(k => !given.Any(g => g == k || (g.Contains('*', StringComparison.Ordinal) && IndicatorMetadataSet.Matches(g, k)))).ToList()
            : [];
        if (uncovered.Count > 0)
        {
            Problem(Line(entriesNode ?? defaultNode!), id, "indicators",
                $"has no metadata for {string.Join(", ", uncovered)} (add them, a pattern with *, or an 'indicator:' default)");
        }

        return set;
    }

    private IndicatorMetadata? ReadMetadata(YamlNode node, string? id, string field)
    {
        if (node is not YamlMappingNode map)
        {
            Problem(Line(node), id, field, "must be a mapping of polarity, value_kind, unit (and optionally multiplier)");
            return null;
        }

        var before = Problems.Count;
        CheckFields(map, Fields, id, field + ".");
        var polarity = MetadataEnum<IndicatorPolarity>(map, id, field, "polarity");
        var kind = MetadataEnum<IndicatorValueKind>(map, id, field, "value_kind");
        var unit = Scalar(map, "unit", id)?.Value;
        if (string.IsNullOrWhiteSpace(unit))
        {
            Problem(Line(map), id, field + ".unit", "is required (the unit in words, e.g. 'per 100,000' or 'years')");
        }

        double? multiplier = null;
        if (Scalar(map, "multiplier", id) is { } m)
        {
            if (double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
            {
                multiplier = value;
            }
            else
            {
                Problem(Line(m), id, field + ".multiplier", $"'{m.Value}' is not a number greater than 0");
            }
        }

        return Problems.Count > before
            ? null
            : new IndicatorMetadata { Polarity = polarity!.Value, ValueKind = kind!.Value, Unit = unit!, Multiplier = multiplier, Line = Line(map) };
    }

    private T? MetadataEnum<T>(YamlMappingNode map, string? id, string field, string name)
        where T : struct, Enum
    {
        if (Scalar(map, name, id) is not { } node)
        {
            Problem(Line(map), id, $"{field}.{name}", $"is required (one of {Naming.Names<T>()})");
            return null;
        }

        if (Naming.TryParseEnum<T>(node.Value!, out var value))
        {
            return value;
        }

        Problem(Line(node), id, $"{field}.{name}", $"'{node.Value}' is not one of {Naming.Names<T>()}");
        return null;
    }
}
