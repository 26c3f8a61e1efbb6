using System.Text.RegularExpressions;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Sources.Kinds;

/// <summary>
/// The canonical field names a kind's <c>columns:</c> map may use, and the ones it must: parsers read a source only
/// through these names, so a publisher renaming a header is one line of YAML. Checked when the catalogue loads,
/// every problem reported.
/// </summary>
public sealed class FieldRules
{
    /// <summary>Creates the rules.</summary>
    /// <param name="required">Fields every entry of the kind maps.</param>
    /// <param name="allowed">Other fields it may map.</param>
    /// <param name="patterns">Patterns of further fields it may map (<c>&lt;domain&gt;.rank</c>, <c>value.&lt;indicator&gt;</c>).</param>
    public FieldRules(IReadOnlyList<string> required, IReadOnlyList<string> allowed, IReadOnlyList<Regex>? patterns = null)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(allowed);
        Required = required;
        Allowed = allowed;
        Patterns = patterns ?? [];
    }

    /// <summary>Fields every entry of the kind maps.</summary>
    public IReadOnlyList<string> Required { get; }

    /// <summary>Other fields it may map.</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>Patterns of further fields it may map.</summary>
    public IReadOnlyList<Regex> Patterns { get; }

    /// <summary>A field of which at least one must be mapped: what it is (for the message) and which fields count.</summary>
    /// <value>The default value is <see langword="null"/>: no such rule.</value>
    public (string Description, Func<string, bool> Test)? AtLeastOne { get; init; }

    /// <summary>The least number of <c>&lt;area&gt;_code</c> fields (other than <c>change_code</c>) to map (a lookup needs 2).</summary>
    /// <value>The default value is 0.</value>
    public int MinCodes { get; init; }

    /// <summary>Whether the kind maps a point, and how (see <see cref="CoordinateRule"/>).</summary>
    /// <value>The default value is <see cref="CoordinateRule.None"/>.</value>
    public CoordinateRule Coordinates { get; init; }

    /// <summary>Whether <paramref name="field"/> is a canonical name of the kind.</summary>
    /// <param name="field">The canonical field name.</param>
    public bool IsKnown(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Required.Contains(field) || Allowed.Contains(field) || Patterns.Any(p => p.IsMatch(field));
    }

    /// <summary>Checks a columns map, reporting every problem through <paramref name="report"/> (field, message).</summary>
    /// <param name="kind">The kind as the catalogue writes it, for messages.</param>
    /// <param name="columns">The columns map.</param>
    /// <param name="report">Receives each problem: the field (<c>columns.&lt;field&gt;</c> or <c>columns</c>) and what is wrong.</param>
    public void Validate(string kind, IReadOnlyDictionary<string, string> columns, Action<string, string> report)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var field in columns.Keys)
        {
            if (!IsKnown(field))
            {
                report($"columns.{field}", $"'{field}' is not a canonical field for kind '{kind}'");
            }
        }

        foreach (var field in Required)
        {
            if (!columns.ContainsKey(field))
            {
                report("columns", $"kind '{kind}' needs the field '{field}'");
            }
        }

        if (MinCodes > 0 && columns.Keys.Count(k => k.EndsWith("_code", StringComparison.Ordinal) && k != "change_code") < MinCodes)
        {
            report("columns", $"kind '{kind}' needs {AtLeastOne!.Value.Description}");
        }
        else if (AtLeastOne is { } atLeast && MinCodes == 0 && !columns.Keys.Any(atLeast.Test))
        {
            report("columns", $"kind '{kind}' needs {atLeast.Description}");
        }

        if (Coordinates != CoordinateRule.None)
        {
            ValidateCoordinates(kind, columns, Coordinates == CoordinateRule.Required, report);
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
}

/// <summary>Whether a kind's <c>columns:</c> map gives a point.</summary>
public enum CoordinateRule
{
    /// <summary>No coordinates.</summary>
    None,

    /// <summary>A point may be mapped (one pair).</summary>
    Optional,

    /// <summary>A point must be mapped (one pair).</summary>
    Required,
}
