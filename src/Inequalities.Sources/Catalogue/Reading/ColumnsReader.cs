using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// A source's <c>columns:</c>: canonical field name to the source's header, or to a list of accepted headers (the
/// first one a file has is used).
/// </summary>
internal sealed class ColumnsReader(CatalogueProblems problems) : SectionReader(problems)
{
    public (Dictionary<string, string>? Columns, Dictionary<string, ImmutableArray<string>> Aliases) Read(YamlMappingNode entry, string? id)
    {
        var aliases = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var node = Child(entry, "columns");
        if (node is null)
        {
            Problem(Line(entry), id, "columns", "is required: a map from canonical field names to the source's headers");
            return (null, aliases);
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Problem(Line(node), id, "columns", "must be a non-empty mapping of name: header (or name: [header, header, ...])");
            return (null, aliases);
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value;
            List<string>? headers = v switch
            {
                YamlScalarNode { Value: { Length: > 0 } one } => [one],
                YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode { Value: { Length: > 0 } }) =>
                    [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)],
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(key) || headers is null)
            {
                Problem(Line(k), id, $"columns.{key}", "must map a name to a header, or to a non-empty list of accepted headers");
                continue;
            }

            if (headers.Distinct(StringComparer.Ordinal).Count() != headers.Count)
            {
                Problem(Line(k), id, $"columns.{key}", "lists the same header twice");
                continue;
            }

            if (!result.TryAdd(key, headers[0]))
            {
                Problem(Line(k), id, $"columns.{key}", "is given twice");
            }
            else if (headers.Count > 1 || v is YamlSequenceNode)
            {
                aliases[key] = [.. headers];
            }
        }

        return (result, aliases);
    }
}
