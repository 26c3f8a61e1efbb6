using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// The <c>gradients:</c> section: the deprivation bases and indicators of the inequality tables. Each basis must name
/// the <c>index_id</c> of a deprivation source of the catalogue and a domain that source ranks; each indicator entry an
/// indicator or fingertips source (and, for <c>source_id:indicator_id</c>, an indicator it is known to hold), so a typo
/// is reported when the catalogue loads instead of leaving the lake without those gradients.
/// </summary>
internal sealed class GradientsReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["bases", "indicators", "include_inherited", "repetitions", "seed"];
    private static readonly string[] BasisFields = ["index", "domain", "quantiles", "ranking", "vintage"];

    public GradientSettings Read(YamlMappingNode root, IReadOnlyList<SourceDefinition> sources)
    {
        var settings = new GradientSettings();
        if (Section(root, "gradients", "must be a mapping") is not { } map)
        {
            return settings;
        }

        CheckFields(map, Fields, null, "gradients.");
        if (Child(map, "bases") is { } basesNode)
        {
            settings = settings with { Bases = Bases(basesNode, sources) };
        }

        if (Child(map, "indicators") is YamlSequenceNode indicators)
        {
            var entries = indicators.Children.OfType<YamlScalarNode>().ToList();
            foreach (var entry in entries)
            {
                CheckIndicator(entry, sources);
            }

            settings = settings with { Indicators = entries.Select(n => n.Value!).ToList() };
        }

        if (Scalar(map, "include_inherited", null) is { } inherited && Bool(inherited.Value!, Line(inherited), null, "gradients.include_inherited") is { } b)
        {
            settings = settings with { IncludeInherited = b };
        }

        if (Scalar(map, "repetitions", null) is { } reps &&
            WholeNumber(reps.Value!, 1000, int.MaxValue, Line(reps), null, "gradients.repetitions", "must be a whole number of at least 1000") is { } n)
        {
            settings = settings with { Repetitions = n };
        }

        if (Scalar(map, "seed", null) is { } seed)
        {
            if (ulong.TryParse(seed.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                settings = settings with { Seed = s };
            }
            else
            {
                Problem(Line(seed), null, "gradients.seed", $"'{seed.Value}' is not a whole number");
            }
        }

        return settings;
    }

    private List<GradientBasis> Bases(YamlNode node, IReadOnlyList<SourceDefinition> sources)
    {
        var bases = new List<GradientBasis>();
        if (node is not YamlSequenceNode list)
        {
            Problem(Line(node), null, "gradients.bases", "must be a list of {index, domain, quantiles, ranking, vintage}");
            return bases;
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode basis)
            {
                Problem(Line(item), null, "gradients.bases", "each basis must be a mapping");
                continue;
            }

            CheckFields(basis, BasisFields, null, "gradients.bases.");
            var indexNode = Scalar(basis, "index", null);
            if (indexNode?.Value is not { } index)
            {
                Problem(Line(basis), null, "gradients.bases.index", "is required (an index id such as iod2019)");
                continue;
            }

            var domain = Scalar(basis, "domain", null)?.Value ?? "imd";
            CheckIndex(indexNode, index, domain, sources);

            var quantiles = 10;
            if (Scalar(basis, "quantiles", null) is { } q)
            {
                if (q.Value is "10" or "5")
                {
                    quantiles = int.Parse(q.Value, CultureInfo.InvariantCulture);
                }
                else
                {
                    Problem(Line(q), null, "gradients.bases.quantiles", $"'{q.Value}' must be 10 (deciles) or 5 (quintiles)");
                }
            }

            var ranking = QuantileRanking.National;
            if (Scalar(basis, "ranking", null) is { } r && !Naming.TryParseEnum(r.Value!, out ranking))
            {
                Problem(Line(r), null, "gradients.bases.ranking", $"'{r.Value}' must be national or local");
            }

            int? vintage = null;
            if (Scalar(basis, "vintage", null) is { } v)
            {
                if (v.Value is "2011" or "2021")
                {
                    vintage = int.Parse(v.Value, CultureInfo.InvariantCulture);
                }
                else
                {
                    Problem(Line(v), null, "gradients.bases.vintage", $"'{v.Value}' must be 2011 or 2021 (the LSOA vintage to compute on)");
                }
            }

            bases.Add(new GradientBasis(index, domain, quantiles, ranking) { Vintage = vintage });
        }

        return bases;
    }

    /// <summary>The basis's index must be a deprivation source's <c>index_id</c> (or id), and the domain one it ranks.</summary>
    private void CheckIndex(YamlScalarNode node, string index, string domain, IReadOnlyList<SourceDefinition> sources)
    {
        var deprivation = sources.Where(s => s.Kind == SourceKind.Deprivation).ToList();
        var ofIndex = deprivation.Where(s => (s.Options.IndexId ?? s.Id) == index).ToList();
        if (ofIndex.Count == 0)
        {
            var known = deprivation.Select(s => s.Options.IndexId ?? s.Id).Distinct().ToList();
            Problem(Line(node), null, "gradients.bases.index", $"'{index}' is not the index_id of any deprivation source (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
            return;
        }

        var domains = ofIndex.SelectMany(s => s.Columns.Keys)
            .Where(k => k.EndsWith(".rank", StringComparison.Ordinal))
            .Select(k => k[..^".rank".Length])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!domains.Contains(domain))
        {
            Problem(Line(node), null, "gradients.bases.domain", $"'{domain}' is not a domain the sources of index '{index}' rank (their domains: {string.Join(", ", domains)})");
        }
    }

    /// <summary>An indicator entry must name an indicator or fingertips source, and an indicator the source is known to hold.</summary>
    private void CheckIndicator(YamlScalarNode node, IReadOnlyList<SourceDefinition> sources)
    {
        var text = node.Value ?? string.Empty;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var id = colon < 0 ? text : text[..colon];
        var source = sources.FirstOrDefault(s => s.Id == id);
        if (source is not { Kind: SourceKind.Indicator or SourceKind.Fingertips })
        {
            Problem(Line(node), null, "gradients.indicators", $"'{text}' names '{id}', which is not the id of an indicator or fingertips source in the catalogue");
            return;
        }

        // Wide sources name their indicators (value.<id> columns), a Fingertips extract its indicator_id; a long source's
        // indicators are only known from its file.
        List<string> known = [.. source.Columns.Keys.Where(k => k.StartsWith("value.", StringComparison.Ordinal)).Select(k => k["value.".Length..])];
        if (source.Options.Indicator.IndicatorId is { } fingertips)
        {
            known.Add(fingertips);
        }

        if (colon >= 0 && known.Count > 0 && !known.Contains(text[(colon + 1)..]))
        {
            Problem(Line(node), id, "gradients.indicators", $"'{text}': '{text[(colon + 1)..]}' is not an indicator of this source (its indicators: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        }
    }
}
