using Inequalities.Core.Columnar;
using Inequalities.Lake;

namespace Inequalities.Charts;

/// <summary>Small helpers over lake tables for the charts' data preparation, on the core's row filter.</summary>
internal static class LakeData
{
    public const string England = "E92000001";

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

    /// <summary>The rows where every condition holds (<see cref="TableFilters.Where"/>); a null value is an option left unset, and its condition is left out.</summary>
    public static Table WhereSet(Table table, params ReadOnlySpan<(string Column, CellValue Value)> conditions)
    {
        var set = new List<(string, CellValue)>(conditions.Length);
        foreach (var condition in conditions)
        {
            if (!condition.Value.IsNull)
            {
                set.Add(condition);
            }
        }

        return table.Where([.. set]);
    }

    /// <summary>The distinct non-null values of a string column, in ordinal order.</summary>
    public static List<string> Distinct(Table table, string column)
    {
        var strings = table.Strings(column);
        var values = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings[i] is { } value)
            {
                values.Add(value);
            }
        }

        return [.. values];
    }

    /// <summary>Picks one value of a column among the rows: the requested one, else the first (or last) in ordinal order.</summary>
    public static string Pick(Table rows, string column, string? requested, bool last, string what)
    {
        var values = Distinct(rows, column);
        if (values.Count == 0)
        {
            throw new InvalidOperationException($"Table '{rows.Name}' has no rows for {what}.");
        }

        if (requested is null)
        {
            return last ? values[^1] : values[0];
        }

        return values.Contains(requested)
            ? requested
            : throw new InvalidOperationException($"Table '{rows.Name}' has no {column} '{requested}' for {what}; it has {string.Join(", ", values)}.");
    }

    /// <summary>The one source of the rows' <c>source_id</c>; throws when there are none or several.</summary>
    public static string UniqueSource(Table rows, string what)
    {
        var sources = Distinct(rows, IndicatorsColumns.SourceId);
        return sources.Count switch
        {
            0 => throw new InvalidOperationException($"Table '{rows.Name}' has no rows for {what}."),
            1 => sources[0],
            _ => throw new InvalidOperationException($"Table '{rows.Name}' has {what} from several sources ({string.Join(", ", sources)}); choose one with the source option."),
        };
    }

    /// <summary>The rows of an area: its district, combined authority or region code in any of those columns, or every row for England.</summary>
    public static Table InArea(Table table, string areaCode, params string[] areaColumns)
    {
        if (areaCode == England)
        {
            return table;
        }

        var mask = table.Mask((areaColumns[0], areaCode));
        foreach (var column in areaColumns.Skip(1))
        {
            var also = table.Mask((column, areaCode));
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] |= also[i];
            }
        }

        return table.Filter(mask);
    }

    /// <summary>The LSOAs of an area (district, combined authority, region, or England) with their district code and name.</summary>
    public static Dictionary<string, (string LadCode, string LadName)> AreaLsoas(Table areas, string areaCode)
    {
        RequireColumns(areas, AreasColumns.LsoaCode, AreasColumns.LadCode, AreasColumns.LadName, AreasColumns.CauthCode, AreasColumns.RegionCode);
        var rows = InArea(areas, areaCode, AreasColumns.LadCode, AreasColumns.CauthCode, AreasColumns.RegionCode);
        var code = rows.Strings(AreasColumns.LsoaCode);
        var lad = rows.Strings(AreasColumns.LadCode);
        var ladName = rows.Strings(AreasColumns.LadName);
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.RowCount; i++)
        {
            if (code[i] is { } c && lad[i] is { } l)
            {
                result.TryAdd(c, (l, ladName[i] ?? l));
            }
        }

        return result.Count > 0
            ? result
            : throw new InvalidOperationException($"No LSOA of the 'areas' table lies in area '{areaCode}' (a district, combined authority, region or {England} for England).");
    }

    /// <summary>District code to name, from the areas table (empty without one).</summary>
    public static Dictionary<string, string> DistrictNames(Table? areas)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (areas is null)
        {
            return result;
        }

        var lad = areas.Strings(AreasColumns.LadCode);
        var name = areas.Strings(AreasColumns.LadName);
        for (var i = 0; i < areas.RowCount; i++)
        {
            if (lad[i] is { } l && name[i] is { } n)
            {
                result.TryAdd(l, n);
            }
        }

        return result;
    }
}
