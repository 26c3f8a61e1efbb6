using System.Text.RegularExpressions;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The canonical field names a <c>columns:</c> map may use for each <see cref="SourceKind"/>, and the ones it must.
/// Parsers read a source only through these names, so a publisher renaming a header is one line of YAML.
/// </summary>
public static partial class CanonicalFields
{
    /// <summary>The deprivation domains the lake knows by name (other indices may add their own).</summary>
    public static IReadOnlyList<string> Domains { get; } =
        ["imd", "income", "employment", "education", "health", "crime", "barriers", "living_environment", "idaci", "idaopi"];

    private static readonly Dictionary<SourceKind, Rule> Rules = new()
    {
        [SourceKind.Deprivation] = new(
            Required: ["lsoa_code"],
            Allowed: ["lsoa_name", "lad_code", "lad_name", "population.total", "population.children",
                "population.age_16_59", "population.older", "population.working_age"],
            Patterns: [DomainMeasure()],
            AtLeastOne: ("a '<domain>.rank' or '<domain>.score' field", static k => k.EndsWith(".rank", StringComparison.Ordinal) || k.EndsWith(".score", StringComparison.Ordinal))),
        [SourceKind.Lookup] = new(
            Required: [],
            Allowed: ["change_code"],
            Patterns: [LookupField()],
            AtLeastOne: ("two '<area>_code' fields", static _ => true),
            MinCodes: 2),
        [SourceKind.Population] = new(
            Required: ["area_code"],
            Allowed: ["area_name", "lad_code", "lad_name", "population.total", "population.children", "population.age_16_59",
                "population.older", "population.working_age", "age", "value", "sex"],
            Patterns: [PopulationAge()],
            AtLeastOne: ("'population.total' or 'value'", static k => k is "population.total" or "value")),
        [SourceKind.Indicator] = new(
            Required: ["area_code"],
            Allowed: ["area_name", "period", "indicator", "value", "lower_ci", "upper_ci", "count", "denominator", "sex", "age"],
            Patterns: [IndicatorValue()],
            AtLeastOne: ("'value' or a 'value.<indicator_id>' field", static k => k == "value" || k.StartsWith("value.", StringComparison.Ordinal))),
        [SourceKind.Fingertips] = new(
            Required: ["indicator_id", "area_code", "area_type", "period", "value"],
            Allowed: ["indicator_name", "parent_code", "parent_name", "area_name", "sex", "age", "category_type",
                "category", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator",
                "value_note", "recent_trend", "compared_to_england", "compared_to_parent", "period_sortable",
                "new_data", "compared_to_goal", "period_range"],
            Patterns: []),
        [SourceKind.Boundaries] = new(
            Required: ["area_code"],
            Allowed: ["area_name", "lad_code", "lad_name"],
            Patterns: []),
        [SourceKind.Centroids] = new(
            Required: ["area_code"],
            Allowed: ["area_name", "longitude", "latitude", "easting", "northing"],
            Patterns: [],
            Coordinates: CoordinateRule.Required),
        [SourceKind.Postcodes] = new(
            Required: ["postcode"],
            Allowed: ["lsoa11_code", "lsoa21_code", "msoa11_code", "msoa21_code", "lad_code", "latitude", "longitude",
                "easting", "northing", "introduced", "terminated"],
            Patterns: [],
            AtLeastOne: ("'lsoa11_code' or 'lsoa21_code', or a point ('longitude' and 'latitude', or 'easting' and 'northing')", static k => k is "lsoa11_code" or "lsoa21_code" or "longitude" or "easting"),
            Coordinates: CoordinateRule.Optional),
        [SourceKind.Assets] = new(
            Required: ["name"],
            Allowed: ["asset_id", "linked_id", "category", "postcode", "latitude", "longitude", "status", "removed", "address",
                "url", "lsoa_code", "company_type", "activity"],
            Patterns: [],
            AtLeastOne: ("'postcode' or 'latitude' and 'longitude'", static k => k is "postcode" or "latitude")),
    };

    /// <summary>Whether <paramref name="field"/> is a canonical name for <paramref name="kind"/>.</summary>
    /// <param name="kind">The source kind.</param>
    /// <param name="field">The canonical field name.</param>
    public static bool IsKnown(SourceKind kind, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var rule = Rules[kind];
        return rule.Required.Contains(field) || rule.Allowed.Contains(field) || rule.Patterns.Any(p => p.IsMatch(field));
    }

    /// <summary>Checks a columns map against its kind, reporting every problem through <paramref name="report"/>.</summary>
    internal static void Validate(SourceKind kind, IReadOnlyDictionary<string, string> columns, Action<string, string> report)
    {
        var rule = Rules[kind];
        foreach (var field in columns.Keys)
        {
            if (!IsKnown(kind, field))
            {
                report($"columns.{field}", $"'{field}' is not a canonical field for kind '{Naming.ToSnake(kind.ToString())}'");
            }
        }

        foreach (var field in rule.Required)
        {
            if (!columns.ContainsKey(field))
            {
                report("columns", $"kind '{Naming.ToSnake(kind.ToString())}' needs the field '{field}'");
            }
        }

        if (rule.MinCodes > 0 && columns.Keys.Count(k => k.EndsWith("_code", StringComparison.Ordinal) && k != "change_code") < rule.MinCodes)
        {
            report("columns", $"kind '{Naming.ToSnake(kind.ToString())}' needs {rule.AtLeastOne!.Value.Description}");
        }
        else if (rule.AtLeastOne is { } atLeast && rule.MinCodes == 0 && !columns.Keys.Any(atLeast.Test))
        {
            report("columns", $"kind '{Naming.ToSnake(kind.ToString())}' needs {atLeast.Description}");
        }

        if (rule.Coordinates != CoordinateRule.None)
        {
            ValidateCoordinates(Naming.ToSnake(kind.ToString()), columns, rule.Coordinates == CoordinateRule.Required, report);
        }
    }

    /// <summary>
    /// A point is one pair: <c>longitude</c> and <c>latitude</c> (WGS84 degrees) or <c>easting</c> and
    /// <c>northing</c> (British National Grid metres, converted to WGS84 at parse time), never half a pair or both.
    /// </summary>
    private static void ValidateCoordinates(string kind, IReadOnlyDictionary<string, string> columns, bool required, Action<string, string> report)
    {
        var degrees = columns.ContainsKey("longitude") || columns.ContainsKey("latitude");
        var grid = columns.ContainsKey("easting") || columns.ContainsKey("northing");
        if (columns.ContainsKey("longitude") != columns.ContainsKey("latitude"))
        {
            report("columns", $"kind '{kind}' maps one of 'longitude' and 'latitude'; map both (WGS84 degrees)");
        }

        if (columns.ContainsKey("easting") != columns.ContainsKey("northing"))
        {
            report("columns", $"kind '{kind}' maps one of 'easting' and 'northing'; map both (British National Grid metres)");
        }

        if (degrees && grid)
        {
            report("columns", $"kind '{kind}' maps both 'longitude'/'latitude' and 'easting'/'northing'; map one pair");
        }
        else if (required && !degrees && !grid)
        {
            report("columns", $"kind '{kind}' needs 'longitude' and 'latitude' (WGS84 degrees), or 'easting' and 'northing' (British National Grid metres)");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*\\.(rank|decile|score)$")]
    private static partial Regex DomainMeasure();

    [GeneratedRegex("^[a-z][a-z0-9]*_(code|name)$")]
    private static partial Regex LookupField();

    [GeneratedRegex("^population\\.age\\.[a-z0-9_+]+$")]
    private static partial Regex PopulationAge();

    [GeneratedRegex("^value\\.[a-z0-9][a-z0-9_]*$")]
    private static partial Regex IndicatorValue();

    private enum CoordinateRule
    {
        None,
        Optional,
        Required,
    }

    private sealed record Rule(
        string[] Required,
        string[] Allowed,
        Regex[] Patterns,
        (string Description, Func<string, bool> Test)? AtLeastOne = null,
        int MinCodes = 0,
        CoordinateRule Coordinates = CoordinateRule.None);
}
