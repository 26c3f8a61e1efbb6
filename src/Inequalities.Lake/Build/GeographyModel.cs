using System.Globalization;
using System.Text.RegularExpressions;
using Inequalities.Core.Geography;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <summary>One LSOA of one vintage with its geography up to combined authority and its population.</summary>
internal sealed record AreaRow(string LsoaCode, int Vintage)
{
    public string? LsoaName { get; set; }

    public string? MsoaCode { get; set; }

    public string? LadCode { get; set; }

    public string? LadName { get; set; }

    public string? CauthCode { get; set; }

    public string? RegionCode { get; set; }

    public double? Population { get; set; }

    public int? PopulationYear { get; set; }
}

/// <summary>
/// The geography of England's LSOAs in both vintages, derived from whatever lookups the catalogue holds: a lookup
/// with <c>lsoaYY_code</c> and <c>msoaYY_code</c> gives the MSOA, one with a <c>ladNN_code</c> the district (the
/// newest such lookup wins), and lookups from districts give combined authority and region.
/// </summary>
internal sealed partial class GeographyModel
{
    public static readonly int[] Vintages = [2011, 2021];

    private readonly HashSet<int> _lookupVintages;

    private GeographyModel(Dictionary<int, Dictionary<string, AreaRow>> areas, LookupData? lsoaChanges, HashSet<int> lookupVintages)
    {
        _lookupVintages = lookupVintages;
        Areas = areas;
        LsoaChanges = lsoaChanges;
    }

    /// <summary>Areas by vintage, keyed by LSOA code.</summary>
    public Dictionary<int, Dictionary<string, AreaRow>> Areas { get; }

    /// <summary>The LSOA 2011 to 2021 lookup, when the catalogue has one.</summary>
    public LookupData? LsoaChanges { get; }

    /// <summary>Population per LSOA of a vintage, when known for every LSOA.</summary>
    public IReadOnlyDictionary<string, double>? PopulationOf(int vintage)
    {
        var rows = Areas[vintage].Values;
        return rows.Count > 0 && rows.All(r => r.Population is not null)
            ? rows.ToDictionary(r => r.LsoaCode, r => r.Population!.Value, StringComparer.Ordinal)
            : null;
    }

    public static GeographyModel Build(ParsedSources parsed)
    {
        var areas = Vintages.ToDictionary(v => v, _ => new Dictionary<string, AreaRow>(StringComparer.Ordinal));

        AreaRow? Get(int vintage, string? code)
        {
            if (code is null || !code.StartsWith("E01", StringComparison.Ordinal) || !areas.TryGetValue(vintage, out var set))
            {
                return null;
            }

            if (!set.TryGetValue(code, out var row))
            {
                row = new AreaRow(code, vintage);
                set[code] = row;
            }

            return row;
        }

        // Membership: every English LSOA code any lookup, index or population names for the vintage.
        foreach (var lookup in parsed.Lookups)
        {
            foreach (var vintage in Vintages)
            {
                if (lookup.Columns.TryGetValue(LsoaField(vintage, "code"), out var codes))
                {
                    lookup.Columns.TryGetValue(LsoaField(vintage, "name"), out var names);
                    for (var i = 0; i < codes.Length; i++)
                    {
                        if (Get(vintage, codes[i]) is { } row && names?[i] is { } name)
                        {
                            row.LsoaName ??= name;
                        }
                    }
                }
            }
        }

        // An index defines membership only for a vintage no lookup covers.
        var lookupVintages = Vintages.Where(v => areas[v].Count > 0).ToHashSet();
        foreach (var d in parsed.Deprivation)
        {
            if (lookupVintages.Contains(d.Vintage))
            {
                for (var i = 0; i < d.LsoaCodes.Length; i++)
                {
                    if (d.LsoaNames?[i] is { } name && areas[d.Vintage].TryGetValue(d.LsoaCodes[i], out var known))
                    {
                        known.LsoaName ??= name;
                    }
                }

                continue;
            }

            for (var i = 0; i < d.LsoaCodes.Length; i++)
            {
                if (Get(d.Vintage, d.LsoaCodes[i]) is { } row)
                {
                    row.LsoaName ??= d.LsoaNames?[i];
                }
            }
        }

        // MSOA and district, from lookups keyed by the LSOA code of the vintage.
        foreach (var vintage in Vintages)
        {
            var lsoaCode = LsoaField(vintage, "code");
            var msoaCode = $"msoa{vintage % 100:D2}_code";
            foreach (var lookup in parsed.Lookups.Where(l => l.Columns.ContainsKey(lsoaCode)))
            {
                var codes = lookup.Columns[lsoaCode];
                if (lookup.Columns.TryGetValue(msoaCode, out var msoas))
                {
                    Assign(areas[vintage], codes, msoas, (r, v) => r.MsoaCode ??= v);
                }
            }

            var ladLookups = parsed.Lookups
                .Where(l => l.Columns.ContainsKey(lsoaCode))
                .Select(l => (Lookup: l, Field: NewestField(l, "lad")))
                .Where(x => x.Field is not null)
                .OrderByDescending(x => YearOf(x.Field!))
                .ToList();
            foreach (var (lookup, field) in ladLookups)
            {
                var codes = lookup.Columns[lsoaCode];
                Assign(areas[vintage], codes, lookup.Columns[field!], (r, v) => r.LadCode ??= v);
                var nameField = field!.Replace("_code", "_name", StringComparison.Ordinal);
                if (lookup.Columns.TryGetValue(nameField, out var names))
                {
                    Assign(areas[vintage], codes, names, (r, v) => r.LadName ??= v);
                }
            }

            foreach (var d in parsed.Deprivation.Where(d => d.Vintage == vintage && d.LadCodes is not null))
            {
                Assign(areas[vintage], d.LsoaCodes, d.LadCodes!, (r, v) => r.LadCode ??= v);
                if (d.LadNames is not null)
                {
                    Assign(areas[vintage], d.LsoaCodes, d.LadNames, (r, v) => r.LadName ??= v);
                }
            }
        }

        // Combined authority and region, and missing district names, from lookups keyed by a district code.
        var cauth = DistrictMap(parsed, "cauth");
        var region = DistrictMap(parsed, "region");
        var ladNames = DistrictNames(parsed);
        foreach (var row in areas.Values.SelectMany(a => a.Values))
        {
            if (row.LadCode is null)
            {
                continue;
            }

            row.CauthCode = cauth.GetValueOrDefault(row.LadCode);
            row.RegionCode = region.GetValueOrDefault(row.LadCode);
            row.LadName ??= ladNames.GetValueOrDefault(row.LadCode);
        }

        // Population: the population source of each vintage with the latest period.
        foreach (var vintage in Vintages)
        {
            var best = parsed.Populations
                .Where(p => p.Data.Vintage == vintage && p.Data.AreaCodes.Any(c => c.StartsWith("E01", StringComparison.Ordinal)))
                .OrderByDescending(p => YearOfPeriod(p.Data.Period ?? p.Source.Period))
                .FirstOrDefault();
            if (best.Data is null)
            {
                continue;
            }

            var year = YearOfPeriod(best.Data.Period ?? best.Source.Period);
            for (var i = 0; i < best.Data.AreaCodes.Length; i++)
            {
                if (areas[vintage].TryGetValue(best.Data.AreaCodes[i], out var row))
                {
                    row.Population = best.Data.Totals[i];
                    row.PopulationYear = year > 0 ? year : null;
                }
            }
        }

        var changes = parsed.Lookups.FirstOrDefault(l => l.Columns.ContainsKey("lsoa11_code") && l.Columns.ContainsKey("lsoa21_code"));
        return new GeographyModel(areas, changes, lookupVintages);
    }

    /// <summary>Whether the vintage's membership comes from a geography lookup (so codes can be checked against it).</summary>
    public bool HasLookupFor(int vintage) => _lookupVintages.Contains(vintage);

    private static void Assign(Dictionary<string, AreaRow> areas, string?[] keys, string?[] values, Action<AreaRow, string> set)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } k && values[i] is { } v && areas.TryGetValue(k, out var row))
            {
                set(row, v);
            }
        }
    }

    private static Dictionary<string, string> DistrictMap(ParsedSources parsed, string family)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lookup in parsed.Lookups)
        {
            var target = NewestField(lookup, family);
            var lad = NewestField(lookup, "lad");
            if (target is null || lad is null || lookup.Columns.Keys.Any(k => k.StartsWith("lsoa", StringComparison.Ordinal)))
            {
                continue;
            }

            var lads = lookup.Columns[lad];
            var values = lookup.Columns[target];
            for (var i = 0; i < lads.Length; i++)
            {
                if (lads[i] is { } l && values[i] is { } v)
                {
                    map.TryAdd(l, v);
                }
            }
        }

        return map;
    }

    private static Dictionary<string, string> DistrictNames(ParsedSources parsed)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lookup in parsed.Lookups)
        {
            foreach (var field in lookup.Columns.Keys.Where(k => LadField().IsMatch(k)))
            {
                if (lookup.Columns.TryGetValue(field.Replace("_code", "_name", StringComparison.Ordinal), out var names))
                {
                    var codes = lookup.Columns[field];
                    for (var i = 0; i < codes.Length; i++)
                    {
                        if (codes[i] is { } c && names[i] is { } n)
                        {
                            map.TryAdd(c, n);
                        }
                    }
                }
            }
        }

        return map;
    }

    private static string? NewestField(LookupData lookup, string family) =>
        lookup.Columns.Keys
            .Where(k => k.StartsWith(family, StringComparison.Ordinal) && k.EndsWith("_code", StringComparison.Ordinal) && (k.Length == family.Length + 5 || char.IsDigit(k[family.Length])))
            .OrderByDescending(YearOf)
            .FirstOrDefault();

    private static int YearOf(string field)
    {
        var digits = new string(field.Where(char.IsDigit).ToArray());
        return digits.Length == 0 ? 0 : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    internal static int YearOfPeriod(string? period)
    {
        if (period is null)
        {
            return 0;
        }

        var match = Year().Match(period);
        return match.Success ? int.Parse(match.Value, CultureInfo.InvariantCulture) : 0;
    }

    private static string LsoaField(int vintage, string what) => $"lsoa{vintage % 100:D2}_{what}";

    [GeneratedRegex("(19|20)[0-9]{2}")]
    private static partial Regex Year();

    [GeneratedRegex("^lad[0-9]*_code$")]
    private static partial Regex LadField();
}
