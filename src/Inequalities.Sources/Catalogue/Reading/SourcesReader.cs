using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// The <c>sources:</c> section: each entry read by <see cref="SourceEntryReader"/>, ids unique, and every
/// <c>alternative_to</c> naming a source of the catalogue.
/// </summary>
internal sealed class SourcesReader(CatalogueProblems problems, string baseDirectory) : SectionReader(problems)
{
    public List<SourceDefinition> Read(YamlMappingNode root, CatalogueDefaults defaults)
    {
        var sources = new List<SourceDefinition>();
        var node = Child(root, "sources");
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            Problem(node is null ? Line(root) : Line(node), null, "sources", "must be a non-empty list of source entries");
            return sources;
        }

        var entries = new SourceEntryReader(Problems, baseDirectory, defaults);
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                Problem(Line(item), null, "sources", "each entry must be a mapping");
                continue;
            }

            if (entries.Read(entry) is { } source)
            {
                sources.Add(source);
            }
        }

        foreach (var s in sources.Where(s => s.AlternativeTo is not null && !entries.Ids.ContainsKey(s.AlternativeTo)))
        {
            Problem(s.Line, s.Id, "alternative_to", $"names '{s.AlternativeTo}', which is not a source id in the catalogue");
        }

        return sources;
    }
}
