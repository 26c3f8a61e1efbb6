using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// What every section reader shares: finding fields in the YAML tree, and turning scalars into typed values, each
/// failure reported (with its line, entry and field) into the shared <see cref="CatalogueProblems"/>.
/// </summary>
internal abstract partial class SectionReader(CatalogueProblems problems)
{
    /// <summary>The shared problem list.</summary>
    protected CatalogueProblems Problems { get; } = problems;

    protected static YamlNode? Child(YamlMappingNode map, string field) =>
        map.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;

    protected static int Line(YamlNode node) => checked((int)node.Start.Line);

    protected void Problem(int line, string? id, string? field, string message) => Problems.Add(line, id, field, message);

    /// <summary>A single non-empty value, or null (an empty one reads as absent; a list or mapping is a problem).</summary>
    protected YamlScalarNode? Scalar(YamlMappingNode map, string field, string? id)
    {
        var node = Child(map, field);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar when scalar.Value is { Length: > 0 }:
                return scalar;
            case YamlScalarNode:
                return null;
            default:
                Problem(Line(node), id, field, "must be a single value, not a list or mapping");
                return null;
        }
    }

    /// <summary>Reports every key of <paramref name="map"/> that is not in <paramref name="allowed"/>.</summary>
    protected void CheckFields(YamlMappingNode map, IReadOnlyCollection<string> allowed, string? id, string prefix = "")
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(name))
            {
                Problem(Line(key), id, prefix + name, $"is not a known field (expected one of {string.Join(", ", allowed)})");
            }
        }
    }

    /// <summary>The section <paramref name="field"/> of the root as a mapping; null when absent or not a mapping (reported).</summary>
    protected YamlMappingNode? Section(YamlMappingNode root, string field, string notAMapping)
    {
        if (Child(root, field) is not { } node)
        {
            return null;
        }

        if (node is YamlMappingNode map)
        {
            return map;
        }

        Problem(Line(node), null, field, notAMapping);
        return null;
    }

    /// <summary><c>true</c> or <c>false</c> (any case); otherwise reported as "'x' is not true or false".</summary>
    protected bool? Bool(string text, int line, string? id, string field)
    {
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Problem(line, id, field, $"'{text}' is not true or false");
        return null;
    }

    /// <summary>A whole number (digits only) within the bounds; otherwise reported with <paramref name="expected"/>.</summary>
    protected int? WholeNumber(string text, int min, int max, int line, string? id, string field, string expected)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Problem(line, id, field, $"'{text}' {expected}");
        return null;
    }

    /// <summary>A size such as <c>200MB</c>, <c>1GiB</c> or a number of bytes, above zero.</summary>
    protected long? Size(YamlScalarNode node, string? id, string field)
    {
        var match = SizePattern().Match(node.Value ?? string.Empty);
        if (!match.Success)
        {
            Problem(Line(node), id, field, $"'{node.Value}' is not a size (e.g. 200MB, 1GiB or a number of bytes)");
            return null;
        }

        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Success ? match.Groups[2].Value.ToUpperInvariant() : "B";
        var factor = unit switch
        {
            "KB" => 1e3,
            "KIB" => 1024d,
            "MB" => 1e6,
            "MIB" => 1024d * 1024,
            "GB" => 1e9,
            "GIB" => 1024d * 1024 * 1024,
            _ => 1d,
        };
        var bytes = (long)(number * factor);
        if (bytes <= 0)
        {
            Problem(Line(node), id, field, "must be greater than zero");
            return null;
        }

        return bytes;
    }

    /// <summary>A cron schedule (five fields, or six with seconds first).</summary>
    protected CronSchedule? Cron(YamlScalarNode node, string? id, string field)
    {
        if (CronSchedule.TryParse(node.Value, out var schedule))
        {
            return schedule;
        }

        Problem(Line(node), id, field, $"'{node.Value}' is not {CronSchedule.Expected}");
        return null;
    }

    /// <summary>An enum value by its snake_case name, or null (reported: required, or not one of the names).</summary>
    protected T? RequiredEnum<T>(YamlMappingNode entry, string field, string? id)
        where T : struct, Enum
    {
        var node = Scalar(entry, field, id);
        if (node is null || string.IsNullOrWhiteSpace(node.Value))
        {
            Problem(Line(entry), id, field, $"is required (one of {Names<T>()})");
            return null;
        }

        if (Naming.TryParseEnum<T>(node.Value, out var value))
        {
            return value;
        }

        Problem(Line(node), id, field, $"'{node.Value}' is not one of {Names<T>()}");
        return null;
    }

    /// <summary>A required non-blank text value, or null (reported).</summary>
    protected string? RequiredText(YamlMappingNode entry, string field, string? id)
    {
        var node = Scalar(entry, field, id);
        if (node is null || string.IsNullOrWhiteSpace(node.Value))
        {
            Problem(Line(entry), id, field, "is required");
            return null;
        }

        return node.Value;
    }

    /// <summary>A list of single values with their lines; null when absent or not a list (reported).</summary>
    protected List<(string Value, int Line)>? ScalarList(YamlMappingNode map, string field, string qualified)
    {
        if (Child(map, field) is not { } node)
        {
            return null;
        }

        if (node is not YamlSequenceNode list)
        {
            Problem(Line(node), null, qualified, "must be a list");
            return null;
        }

        var values = new List<(string, int)>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } v })
            {
                values.Add((v.Trim(), Line(item)));
            }
            else
            {
                Problem(Line(item), null, qualified, "each entry must be a single value");
            }
        }

        return values;
    }

    private static string Names<T>()
        where T : struct, Enum =>
        typeof(T) == typeof(SourceFormat) ? string.Join(", ", Enum.GetValues<SourceFormat>().Select(Naming.FormatName)) : Naming.Names<T>();

    [GeneratedRegex("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?\\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
