using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>The <c>gradients:</c> section: the deprivation bases and indicators of the inequality tables.</summary>
internal sealed class GradientsReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["bases", "indicators", "include_inherited", "repetitions", "seed"];
    private static readonly string[] BasisFields = ["index", "domain", "quantiles", "ranking", "vintage"];

    public GradientSettings Read(YamlMappingNode root)
    {
        var settings = new GradientSettings();
        if (Section(root, "gradients", "must be a mapping") is not { } map)
        {
            return settings;
        }

        CheckFields(map, Fields, null, "gradients.");
        if (Child(map, "bases") is { } basesNode)
        {
            settings = settings with { Bases = Bases(basesNode) };
        }

        if (Child(map, "indicators") is YamlSequenceNode indicators)
        {
            settings = settings with { Indicators = indicators.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList() };
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

    private List<GradientBasis> Bases(YamlNode node)
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

        return bases;
    }
}
