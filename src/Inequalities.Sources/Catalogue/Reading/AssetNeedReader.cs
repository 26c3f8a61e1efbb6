using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>The <c>asset_need:</c> section: how need is scored, what counts as nearby, the quadrant thresholds and the summary areas.</summary>
internal sealed class AssetNeedReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["need", "nearby_metres", "high_need_decile", "low_asset_quantile", "summary_areas", "study_area"];
    private static readonly string[] ComponentFields = ["index", "domain", "measure", "indicator", "source", "period", "weight", "higher_is_need"];

    public AssetNeedSettings Read(YamlMappingNode root, IReadOnlyList<SourceDefinition> sources)
    {
        var settings = new AssetNeedSettings();
        if (Section(root, "asset_need", "must be a mapping (need, nearby_metres, high_need_decile, low_asset_quantile, summary_areas, study_area)") is not { } map)
        {
            return settings;
        }

        CheckFields(map, Fields, null, "asset_need.");
        if (NearbyDistances(map) is { Count: > 0 } distances)
        {
            settings = settings with { NearbyDistances = distances };
        }

        if (Scalar(map, "high_need_decile", null) is { } decile)
        {
            if (WholeNumber(decile.Value!, 1, 9, Line(decile), null, "asset_need.high_need_decile", "is not a decile from 1 to 9") is { } d)
            {
                settings = settings with { HighNeedDecile = d };
            }
        }

        if (Scalar(map, "low_asset_quantile", null) is { } quantile)
        {
            if (double.TryParse(quantile.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0 && q < 1)
            {
                settings = settings with { LowAssetQuantile = q };
            }
            else
            {
                Problem(Line(quantile), null, "asset_need.low_asset_quantile", $"'{quantile.Value}' is not a fraction between 0 and 1 (e.g. 0.3 for the lowest 30%)");
            }
        }

        if (ScalarList(map, "summary_areas", "asset_need.summary_areas") is { } areas)
        {
            foreach (var (value, line) in areas.Where(a => !AssetNeedSettings.AreaTypes.Contains(a.Value)))
            {
                Problem(line, null, "asset_need.summary_areas", $"'{value}' is not one of {string.Join(", ", AssetNeedSettings.AreaTypes)}");
            }

            settings = settings with { SummaryAreas = areas.Select(a => a.Value).Distinct().ToList() };
        }

        if (ScalarList(map, "study_area", "asset_need.study_area") is { } study)
        {
            foreach (var (value, line) in study.Where(a => !Core.Geography.GssCode.IsWellFormed(a.Value)))
            {
                Problem(line, null, "asset_need.study_area", $"'{value}' is not a GSS code (e.g. E47000004 or E08000012)");
            }

            settings = settings with { StudyArea = study.Select(a => a.Value).ToList() };
        }

        if (Child(map, "need") is { } needNode)
        {
            if (needNode is not YamlSequenceNode list || list.Children.Count == 0)
            {
                Problem(Line(needNode), null, "asset_need.need", "must be a non-empty list of components (each with index or indicator, and a weight)");
            }
            else
            {
                var components = new List<NeedComponentSettings>();
                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (ReadComponent(list.Children[i], $"asset_need.need[{i + 1}]", sources) is { } component)
                    {
                        components.Add(component);
                    }
                }

                settings = settings with { Need = components };
            }
        }

        return settings;
    }

    /// <summary><c>nearby_metres</c>: one distance (as before lists were accepted) or a list of them.</summary>
    private List<double>? NearbyDistances(YamlMappingNode map)
    {
        if (Child(map, "nearby_metres") is not { } node)
        {
            return null;
        }

        var items = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        if (items.Count == 0)
        {
            Problem(Line(node), null, "asset_need.nearby_metres", "is an empty list; give one distance or a list of them (e.g. [800, 1600])");
            return null;
        }

        var distances = new List<double>();
        foreach (var item in items)
        {
            var text = (item as YamlScalarNode)?.Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var metres) && metres > 0 && metres <= 50_000)
            {
                distances.Add(metres);
            }
            else
            {
                Problem(Line(item), null, "asset_need.nearby_metres", $"'{text}' is not a distance in metres above 0 and at most 50000");
            }
        }

        return distances.Count == items.Count ? distances : null;
    }

    private NeedComponentSettings? ReadComponent(YamlNode node, string field, IReadOnlyList<SourceDefinition> sources)
    {
        if (node is not YamlMappingNode map)
        {
            Problem(Line(node), null, field, "must be a mapping with index or indicator, and a weight");
            return null;
        }

        CheckFields(map, ComponentFields, null, field + ".");
        var component = new NeedComponentSettings
        {
            Index = Scalar(map, "index", null)?.Value,
            Indicator = Scalar(map, "indicator", null)?.Value,
            Source = Scalar(map, "source", null)?.Value,
            Period = Scalar(map, "period", null)?.Value,
            Measure = Scalar(map, "measure", null)?.Value,
        };
        if (Scalar(map, "domain", null)?.Value is { } domain)
        {
            component = component with { Domain = domain };
        }

        if ((component.Index is null) == (component.Indicator is null))
        {
            Problem(Line(map), null, field, "needs exactly one of 'index' (a deprivation index id) or 'indicator' (an indicator id)");
        }

        if (component.Index is { } index)
        {
            var indices = sources.Where(s => s.Kind == SourceKind.Deprivation).Select(s => s.Options.IndexId ?? s.Id).Distinct().ToList();
            if (!indices.Contains(index))
            {
                Problem(Line(map), null, field + ".index", $"'{index}' is not the index_id of any deprivation source (known: {(indices.Count == 0 ? "none" : string.Join(", ", indices))})");
            }

            if (component.Measure is not (null or "score" or "rank"))
            {
                Problem(Line(map), null, field + ".measure", $"'{component.Measure}' is not score or rank");
            }
        }
        else if (component.Measure is not null)
        {
            Problem(Line(map), null, field + ".measure", "is only used with 'index'");
        }

        if (component.Source is { } source && !sources.Any(s => s.Id == source && s.Kind is SourceKind.Indicator or SourceKind.Fingertips))
        {
            Problem(Line(map), null, field + ".source", $"'{source}' is not the id of an indicator or fingertips source");
        }

        if (Scalar(map, "weight", null) is { } weight)
        {
            if (double.TryParse(weight.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w > 0 && double.IsFinite(w))
            {
                component = component with { Weight = w };
            }
            else
            {
                Problem(Line(weight), null, field + ".weight", $"'{weight.Value}' is not a positive number");
            }
        }

        if (Scalar(map, "higher_is_need", null) is { } higher)
        {
            if (Bool(higher.Value!, Line(higher), null, field + ".higher_is_need") is { } h)
            {
                component = component with { HigherIsNeed = h };
            }
        }

        return component;
    }
}
