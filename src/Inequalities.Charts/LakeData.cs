using System.Globalization;
using Inequalities.Core.Columnar;

namespace Inequalities.Charts;

/// <summary>Small row helpers over lake tables for the charts.</summary>
internal static class LakeData
{
    public const string England = "E92000001";

    /// <summary>A cell as text, the way the export verb writes it (null for a missing value).</summary>
    public static string? Text(Column column, int row) => !column.IsValid(row) ? null : column switch
    {
        StringColumn s => s[row],
        PrimitiveColumn<double> d => d[row]!.Value.ToString("R", CultureInfo.InvariantCulture),
        PrimitiveColumn<int> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<long> n => n[row]!.Value.ToString(CultureInfo.InvariantCulture),
        PrimitiveColumn<bool> b => b[row]!.Value ? "true" : "false",
        _ => null,
    };

    /// <summary>A numeric cell (double, int or long columns), or null.</summary>
    public static double? Number(Column column, int row) => !column.IsValid(row) ? null : column switch
    {
        PrimitiveColumn<double> d => d[row],
        PrimitiveColumn<int> n => n[row],
        PrimitiveColumn<long> n => n[row],
        _ => throw new InvalidOperationException($"Column '{column.Name}' is {column.DataType}, not numeric."),
    };

    /// <summary>Requires columns, naming the table and what it has.</summary>
    public static void RequireColumns(Table table, params string[] names)
    {
        var missing = names.Where(n => !table.Contains(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Table '{table.Name}' has no column(s) {string.Join(", ", missing)}; its columns are {string.Join(", ", table.Schema.Select(c => c.Name))}.");
        }
    }

    /// <summary>Row indices where every named column's text equals the value (null values are skipped).</summary>
    public static List<int> Rows(Table table, params (string Column, string? Value)[] conditions)
    {
        var columns = conditions.Where(c => c.Value is not null).Select(c => (Column: table.Column(c.Column), c.Value)).ToArray();
        var rows = new List<int>();
        for (var i = 0; i < table.RowCount; i++)
        {
            var keep = true;
            foreach (var (column, value) in columns)
            {
                if (!string.Equals(Text(column, i), value, StringComparison.Ordinal))
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                rows.Add(i);
            }
        }

        return rows;
    }

    /// <summary>Picks one value of a column among rows: the requested one, else the first (or last) in ordinal order.</summary>
    public static string Pick(Table table, List<int> rows, string column, string? requested, bool last, string what)
    {
        var values = rows.Select(i => table.Strings(column)[i]).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            throw new InvalidOperationException($"Table '{table.Name}' has no rows for {what}.");
        }

        if (requested is null)
        {
            return last ? values[^1] : values[0];
        }

        return values.Contains(requested)
            ? requested
            : throw new InvalidOperationException($"Table '{table.Name}' has no {column} '{requested}' for {what}; it has {string.Join(", ", values)}.");
    }

    /// <summary>The LSOAs of an area (district, combined authority, region, or England) with their district code and name.</summary>
    public static Dictionary<string, (string LadCode, string LadName)> AreaLsoas(Table areas, string areaCode)
    {
        RequireColumns(areas, "lsoa_code", "lad_code", "lad_name", "cauth_code", "region_code");
        var code = areas.Strings("lsoa_code");
        var lad = areas.Strings("lad_code");
        var ladName = areas.Strings("lad_name");
        var cauth = areas.Strings("cauth_code");
        var region = areas.Strings("region_code");
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 0; i < areas.RowCount; i++)
        {
            if (code[i] is { } c && lad[i] is { } l
                && (areaCode == England || l == areaCode || cauth[i] == areaCode || region[i] == areaCode))
            {
                result.TryAdd(c, (l, ladName[i] ?? l));
            }
        }

        return result.Count > 0
            ? result
            : throw new InvalidOperationException($"No LSOA of the 'areas' table lies in area '{areaCode}' (a district, combined authority, region or {England} for England).");
    }

    /// <summary>District code to name, from the areas table.</summary>
    public static Dictionary<string, string> DistrictNames(Table areas)
    {
        var lad = areas.Strings("lad_code");
        var name = areas.Strings("lad_name");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < areas.RowCount; i++)
        {
            if (lad[i] is { } l && name[i] is { } n)
            {
                result.TryAdd(l, n);
            }
        }

        return result;
    }

    /// <summary>A readable label of an area code.</summary>
    public static string AreaLabel(string areaCode, IReadOnlyDictionary<string, string> districtNames) => areaCode switch
    {
        ChartOptionsBase.LiverpoolCityRegion => "Liverpool City Region",
        England => "England",
        _ => districtNames.TryGetValue(areaCode, out var n) ? n : areaCode,
    };

    /// <summary>An id as words: <c>years_of_potential_life_lost</c> → <c>Years of potential life lost</c>.</summary>
    public static string Words(string id)
    {
        var text = id.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
