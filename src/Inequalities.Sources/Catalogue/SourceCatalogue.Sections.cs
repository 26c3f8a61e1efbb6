using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue;

/// <content>Reading the catalogue-wide sections: <c>defaults:</c>, <c>gradients:</c>, <c>allowed_hosts:</c> and <c>mirrors:</c>.</content>
public sealed partial class SourceCatalogue
{
    private static readonly string[] MirrorFields = ["prefix", "url"];

    private sealed partial class Reader
    {
        private CatalogueDefaults ReadDefaults(YamlMappingNode root)
        {
            var defaults = new CatalogueDefaults();
            if (Child(root, "defaults") is not { } node)
            {
                return defaults;
            }

            if (node is not YamlMappingNode map)
            {
                Problem(Line(node), null, "defaults", "must be a mapping");
                return defaults;
            }

            CheckFields(map, DefaultsFields, null, "defaults.");
            if (Scalar(map, "schedule", null) is { } schedule)
            {
                if (CheckCron(schedule, null, "defaults.schedule"))
                {
                    defaults = defaults with { Schedule = schedule.Value! };
                }
            }

            if (Scalar(map, "time_zone", null) is { } tz)
            {
                try
                {
                    _ = TimeZoneInfo.FindSystemTimeZoneById(tz.Value!);
                    defaults = defaults with { TimeZone = tz.Value! };
                }
                catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
                {
                    Problem(Line(tz), null, "defaults.time_zone", $"'{tz.Value}' is not a known IANA time zone (e.g. Europe/London)");
                }
            }

            if (Scalar(map, "max_bytes", null) is { } max && ParseSize(max, null, "defaults.max_bytes") is { } bytes)
            {
                defaults = defaults with { MaxBytes = bytes };
            }

            if (Scalar(map, "keep_snapshots", null) is { } keep)
            {
                if (int.TryParse(keep.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    defaults = defaults with { KeepSnapshots = n };
                }
                else
                {
                    Problem(Line(keep), null, "defaults.keep_snapshots", $"'{keep.Value}' is not a whole number of at least 1");
                }
            }

            if (Scalar(map, "user_agent", null) is { } ua)
            {
                defaults = defaults with { UserAgent = ua.Value };
            }

            return defaults;
        }

        private GradientSettings ReadGradients(YamlMappingNode root)
        {
            var settings = new GradientSettings();
            if (Child(root, "gradients") is not { } node)
            {
                return settings;
            }

            if (node is not YamlMappingNode map)
            {
                Problem(Line(node), null, "gradients", "must be a mapping");
                return settings;
            }

            CheckFields(map, GradientFields, null, "gradients.");
            if (Child(map, "bases") is { } basesNode)
            {
                var bases = new List<GradientBasis>();
                if (basesNode is not YamlSequenceNode list)
                {
                    Problem(Line(basesNode), null, "gradients.bases", "must be a list of {index, domain, quantiles, ranking, vintage}");
                }
                else
                {
                    foreach (var item in list.Children)
                    {
                        if (item is not YamlMappingNode basis)
                        {
                            Problem(Line(item), null, "gradients.bases", "each basis must be a mapping");
                            continue;
                        }

                        CheckFields(basis, BasisFields, null, "gradients.bases.");
                        var index = Scalar(basis, "index", null)?.Value;
                        if (index is null)
                        {
                            Problem(Line(basis), null, "gradients.bases.index", "is required (an index id such as iod2019)");
                            continue;
                        }

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

                        bases.Add(new GradientBasis(index, Scalar(basis, "domain", null)?.Value ?? "imd", quantiles, ranking) { Vintage = vintage });
                    }
                }

                settings = settings with { Bases = bases };
            }

            if (Child(map, "indicators") is YamlSequenceNode indicators)
            {
                settings = settings with { Indicators = indicators.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList() };
            }

            if (Scalar(map, "include_inherited", null) is { } inherited)
            {
                if (bool.TryParse(inherited.Value, out var b))
                {
                    settings = settings with { IncludeInherited = b };
                }
                else
                {
                    Problem(Line(inherited), null, "gradients.include_inherited", $"'{inherited.Value}' is not true or false");
                }
            }

            if (Scalar(map, "repetitions", null) is { } reps)
            {
                if (int.TryParse(reps.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1000)
                {
                    settings = settings with { Repetitions = n };
                }
                else
                {
                    Problem(Line(reps), null, "gradients.repetitions", $"'{reps.Value}' must be a whole number of at least 1000");
                }
            }

            if (Scalar(map, "seed", null) is { } seed)
            {
                if (ulong.TryParse(seed.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    settings = settings with { Seed = n };
                }
                else
                {
                    Problem(Line(seed), null, "gradients.seed", $"'{seed.Value}' is not a whole number");
                }
            }

            return settings;
        }

        private HashSet<string> ReadAllowedHosts(YamlMappingNode root)
        {
            var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Child(root, "allowed_hosts") is not { } node)
            {
                return hosts;
            }

            if (node is not YamlSequenceNode list)
            {
                Problem(Line(node), null, "allowed_hosts", "must be a list of host names or suffix patterns (e.g. *.arcgis.com)");
                return hosts;
            }

            foreach (var item in list.Children)
            {
                if (item is not YamlScalarNode { Value: { Length: > 0 } host })
                {
                    Problem(Line(item), null, "allowed_hosts", "each entry must be a host name or a suffix pattern (e.g. *.arcgis.com)");
                }
                else if (HostPatterns.Problem(host) is { } problem)
                {
                    Problem(Line(item), null, "allowed_hosts", problem);
                }
                else
                {
                    hosts.Add(host);
                }
            }

            return hosts;
        }

        private List<MirrorRule> ReadMirrors(YamlMappingNode root)
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

                CheckFields(map, MirrorFields, null, "mirrors.");
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
}
