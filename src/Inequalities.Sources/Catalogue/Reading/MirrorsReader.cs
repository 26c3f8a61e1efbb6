using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>The <c>mirrors:</c> section: publisher URL prefixes and the mirrors requests go to instead.</summary>
internal sealed class MirrorsReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["prefix", "url"];

    public List<MirrorRule> Read(YamlMappingNode root)
    {
        var rules = new List<MirrorRule>();
        if (Child(root, "mirrors") is not { } node)
        {
            return rules;
        }

        if (node is not YamlSequenceNode list)
        {
            Problem(Line(node), null, "mirrors", "must be a list of {prefix, url} mappings");
            return rules;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map)
            {
                Problem(Line(item), null, "mirrors", "each mirror must be a mapping with a prefix and a url");
                continue;
            }

            CheckFields(map, Fields, null, "mirrors.");
            var prefix = Scalar(map, "prefix", null)?.Value;
            var url = Scalar(map, "url", null)?.Value;
            if (prefix is null || url is null)
            {
                Problem(Line(map), null, prefix is null ? "mirrors.prefix" : "mirrors.url", "is required (a mirror maps a publisher URL prefix to a mirror URL)");
                continue;
            }

            var problems = MirrorRule.Problems(prefix, url);
            foreach (var problem in problems)
            {
                Problem(Line(map), null, "mirrors", problem);
            }

            if (problems.Count > 0)
            {
                continue;
            }

            var rule = MirrorRule.Create(prefix, url);
            if (seen.TryGetValue(rule.Prefix, out var first))
            {
                Problem(Line(map), null, "mirrors.prefix", $"'{prefix}' is given twice (first at line {first})");
                continue;
            }

            seen[rule.Prefix] = Line(map);
            rules.Add(rule);
        }

        return rules;
    }
}
