using System.Collections.Frozen;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// A source's <c>options:</c>: first the text as written (a mapping of names to non-empty values), then each option
/// checked where it applies and parsed into <see cref="SourceOptions"/>. An option no kind uses, or one used by
/// another kind or format, is a problem, as is a value of the wrong type. Value problems name the line of the
/// <c>options:</c> mapping; unknown names the line of the name.
/// </summary>
internal sealed class SourceOptionsReader(CatalogueProblems problems) : SectionReader(problems)
{
    /// <summary>Which sources an option applies to: null for any source.</summary>
    private sealed record OptionRule(string Name, Func<SourceKind, SourceFormat, bool>? Applies, string? OnlyFor);

    private static readonly Func<SourceKind, SourceFormat, bool> Indicators = static (k, _) => k is SourceKind.Indicator or SourceKind.Fingertips;
    private static readonly Func<SourceKind, SourceFormat, bool> Assets = static (k, _) => k == SourceKind.Assets;
    private static readonly Func<SourceKind, SourceFormat, bool> Csv = static (_, f) => f is SourceFormat.Csv or SourceFormat.CsvGz or SourceFormat.Zip;

    /// <summary>Every option, in the order their values are checked.</summary>
    private static readonly OptionRule[] Rules =
    [
        // How an ArcGIS layer is queried: accepted on any format, so an entry can switch between a layer and a copy of
        // it (a mirror's GeoJSON) without losing them; only format: arcgis uses them.
        new("return_geometry", null, null),
        new("out_sr", null, null),
        new("where", null, null),
        new("header_row", null, null),
        new("header", Csv, "is only used by CSV sources (csv, csv.gz, or a zip member of format csv)"),
        new("column_names", Csv, "is only used by CSV sources (csv, csv.gz, or a zip member of format csv)"),
        new("bom", null, null),
        new("thousands_separator", null, null),
        new("index_id", null, null),
        new("period", Indicators, "is only used by indicator and fingertips sources"),
        new("inherit", Indicators, "is only used by indicator and fingertips sources"),
        new("count_indicators", Indicators, "is only used by indicator and fingertips sources"),
        new("indicator_id", Indicators, "is only used by indicator and fingertips sources"),
        new("area_type_id", Indicators, "is only used by indicator and fingertips sources"),
        new("category", Assets, "is only used by assets sources"),
        new("filter_field", Assets, "is only used by assets sources"),
        new("filter_value", Assets, "is only used by assets sources"),
        new("register", Assets, "is only used by assets sources"),
    ];

    /// <summary>The options as written: a non-empty mapping of names to non-empty text (empty when absent).</summary>
    public Dictionary<string, string> ReadText(YamlMappingNode entry, string? id)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = Child(entry, "options");
        if (node is null)
        {
            return result;
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Problem(Line(node), id, "options", "must be a non-empty mapping of name: value");
            return result;
        }

        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value;
            var value = (v as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrEmpty(value))
            {
                Problem(Line(k), id, $"options.{key}", "must map a name to a non-empty text value");
                continue;
            }

            if (!result.TryAdd(key, value))
            {
                Problem(Line(k), id, $"options.{key}", "is given twice");
            }
        }

        return result;
    }

    /// <summary>The typed options; every problem is reported and the option left at its default.</summary>
    public SourceOptions Read(YamlMappingNode entry, string? id, IReadOnlyDictionary<string, string> text, SourceKind? kind, SourceFormat? format, IReadOnlyDictionary<string, string>? columns)
    {
        if (text.Count == 0 || Child(entry, "options") is not YamlMappingNode map)
        {
            return SourceOptions.None;
        }

        var line = Line(map);
        CheckNames(map, id, kind, format);
        string? Text(string name) => text.TryGetValue(name, out var value) && Applies(name, kind, format) ? value : null;
        bool? Flag(string name) => Text(name) is { } value ? Bool(value, line, id, "options." + name) : null;

        var arcGis = ArcGisOptions.Default with { ReturnGeometry = Flag("return_geometry") };
        if (Text("out_sr") is { } sr)
        {
            if (int.TryParse(sr, NumberStyles.None, CultureInfo.InvariantCulture, out var wkid) && wkid > 0)
            {
                arcGis = arcGis with { OutSr = wkid };
            }
            else
            {
                Problem(line, id, "options.out_sr", $"'{sr}' is not a spatial reference id (a positive whole number such as 4326 or 27700)");
            }
        }

        if (Text("where") is { } where)
        {
            if (string.IsNullOrWhiteSpace(where))
            {
                Problem(line, id, "options.where", "is empty; leave it out to ask for every row (1=1)");
            }
            else
            {
                arcGis = arcGis with { Where = where };
            }
        }

        var headerRow = Text("header_row") is { } h
            ? WholeNumber(h, 1, int.MaxValue, line, id, "options.header_row", "is not the 1-based row number of the header (a whole number of at least 1)") ?? 1
            : 1;
        var options = new SourceOptions
        {
            HeaderRow = headerRow,
            Header = Flag("header") ?? true,
            ColumnNames = ColumnNames(Text("column_names"), Flag("header") ?? true, line, id),
            Bom = Flag("bom") ?? false,
            ThousandsSeparator = Text("thousands_separator"),
            IndexId = Text("index_id"),
            ArcGis = arcGis,
            Indicator = new IndicatorOptions
            {
                Period = Text("period"),
                Inherit = Flag("inherit") ?? false,
                CountIndicators = CountIndicators(Text("count_indicators"), line, id),
                IndicatorId = Text("indicator_id"),
                AreaTypeId = Text("area_type_id"),
            },
            Assets = ReadAssets(Text("category"), Text("filter_field"), Text("filter_value"), line, id, columns) with { Register = Text("register") },
        };
        return options;
    }

    private static bool Applies(string name, SourceKind? kind, SourceFormat? format) =>
        Array.Find(Rules, r => r.Name == name) is { } rule && (rule.Applies is null || kind is null || format is null || rule.Applies(kind.Value, format.Value));

    /// <summary>Reports names no source uses, and names used by another kind or format of source.</summary>
    private void CheckNames(YamlMappingNode map, string? id, SourceKind? kind, SourceFormat? format)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var rule = Array.Find(Rules, r => r.Name == name);
            if (rule is null)
            {
                var known = Rules.Where(r => r.Applies is null || kind is null || format is null || r.Applies(kind.Value, format.Value)).Select(r => r.Name);
                Problem(Line(key), id, "options." + name, $"is not a known option (expected one of {string.Join(", ", known)})");
            }
            else if (!Applies(name, kind, format))
            {
                Problem(Line(key), id, "options." + name, rule.OnlyFor!);
            }
        }
    }

    private List<string>? ColumnNames(string? text, bool header, int line, string? id)
    {
        if (text is null)
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries).ToList();
        if (header)
        {
            Problem(line, id, "options.column_names", "names the columns of a file without a header row; give it with header: \"false\"");
        }
        else if (names.Any(n => n.Length == 0))
        {
            Problem(line, id, "options.column_names", $"'{text}' has an empty name (give every column's name, comma-separated)");
        }
        else if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Problem(line, id, "options.column_names", $"names '{twice.Key}' twice");
        }

        return names;
    }

    private FrozenSet<string> CountIndicators(string? text, int line, string? id)
    {
        if (text is null)
        {
            return FrozenSet<string>.Empty;
        }

        var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            Problem(line, id, "options.count_indicators", $"'{text}' lists no indicator ids (give them comma-separated, e.g. deaths,admissions)");
        }

        return ids.ToFrozenSet(StringComparer.Ordinal);
    }

    private AssetOptions ReadAssets(string? category, string? field, string? value, int line, string? id, IReadOnlyDictionary<string, string>? columns)
    {
        if ((field is null) != (value is null))
        {
            Problem(line, id, field is null ? "options.filter_field" : "options.filter_value", "is required with the other: filter_field and filter_value go together; give both or neither");
        }
        else if (field is not null && columns is not null && !columns.ContainsKey(field))
        {
            Problem(line, id, "options.filter_field", $"'{field}' is not one of this source's columns (map it under columns: to filter on it)");
        }

        return new AssetOptions { Category = category, FilterField = field, FilterValue = value };
    }
}
