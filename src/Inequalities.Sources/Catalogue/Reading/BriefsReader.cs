using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>The <c>briefs:</c> section: which areas the worker writes briefings for, and in which formats.</summary>
internal sealed partial class BriefsReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["areas", "formats", "browser"];

    public BriefSettings Read(YamlMappingNode root)
    {
        var settings = new BriefSettings();
        if (Section(root, "briefs", "must be a mapping of areas, formats and browser") is not { } map)
        {
            return settings;
        }

        CheckFields(map, Fields, null, "briefs.");
        if (Child(map, "areas") is { } areasNode)
        {
            var areas = BriefList(areasNode, "briefs.areas", "a list of area codes such as E08000012, E47000004 or E92000001", value =>
                AreaCode().IsMatch(value) ? null : $"'{value}' is not a district, combined authority or country code (e.g. E08000012, E47000004, E92000001)");
            settings = settings with { Areas = areas };
        }

        if (Child(map, "formats") is { } formatsNode)
        {
            var formats = BriefList(formatsNode, "briefs.formats", "a list of html and pdf", value =>
                value is "html" or "pdf" ? null : $"'{value}' is not a briefing format (html, pdf)");
            settings = settings with { Formats = formats.Distinct(StringComparer.Ordinal).Select(f => f == "pdf" ? BriefFormat.Pdf : BriefFormat.Html).ToList() };
        }

        if (Scalar(map, "browser", null) is { } browser && !string.IsNullOrWhiteSpace(browser.Value))
        {
            settings = settings with { Browser = browser.Value };
        }

        return settings;
    }

    private List<string> BriefList(YamlNode node, string field, string expected, Func<string, string?> check)
    {
        var values = new List<string>();
        if (node is not YamlSequenceNode list)
        {
            Problem(Line(node), null, field, $"must be {expected}");
            return values;
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlScalarNode { Value: { } value })
            {
                Problem(Line(item), null, field, $"must be {expected}");
                continue;
            }

            if (check(value.Trim()) is { } problem)
            {
                Problem(Line(item), null, field, problem);
                continue;
            }

            values.Add(value.Trim());
        }

        return values;
    }

    [GeneratedRegex("^E(0[6-9]|47|92|12)[0-9]{6}$")]
    private static partial Regex AreaCode();
}
