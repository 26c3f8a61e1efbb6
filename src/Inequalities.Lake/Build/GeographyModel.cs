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

    /// <summary>The electoral ward, from the newest <c>wardYY_code</c> of a lookup keyed by the LSOA code of this vintage.</summary>
    public string? WardCode { get; set; }

    public string? WardName { get; set; }

    public string? LadCode { get; set; }

    public string? LadName { get; set; }

    /// <summary>The district of the older vintage the lookups also give (e.g. LAD 2022), for tables published on it.</summary>
    public string? LadCodePrevious { get; set; }

    public string? LadNamePrevious { get; set; }

    public string? CauthCode { get; set; }

    public string? RegionCode { get; set; }

    public double? Population { get; set; }

    public int? PopulationYear { get; set; }
}

/// <summary>
/// The geography of England's LSOAs in both vintages, derived from whatever lookups the catalogue holds: a lookup
/// with <c>lsoaYY_code</c> and <c>msoaYY_code</c> gives the MSOA; districts are of one vintage for the whole lake, the
/// newest the LSOA lookups give (see <see cref="DistrictVintages"/>); lookups from districts give combined authority
/// and region.
/// </summary>
internal sealed partial class GeographyModel
{
    public static readonly int[] Vintages = [2011, 2021];

    private readonly HashSet<int> _lookupVintages;

    private GeographyModel(Dictionary<int, Dictionary<string, AreaRow>> areas, LookupData? lsoaChanges, HashSet<int> lookupVintages, DistrictVintages districts)
    {
        _lookupVintages = lookupVintages;
        Areas = areas;
        LsoaChanges = lsoaChanges;
        Districts = districts;
    }

    /// <summary>Areas by vintage, keyed by LSOA code.</summary>
    public Dictionary<int, Dictionary<string, AreaRow>> Areas { get; }

    /// <summary>The LSOA 2011 to 2021 lookup, when the catalogue has one.</summary>
    public LookupData? LsoaChanges { get; }

    /// <summary>The district vintages of <c>lad_code</c> and <c>lad_code_previous</c>, and what could not be assigned.</summary>
    public DistrictVintages Districts { get; }

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
                    if (d.LsoaNames?[i] is { } name && areas[d.Vintage].TryGetValue(d.LsoaCodes[i]!, out var known))
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

        // MSOA, from lookups keyed by the LSOA code of the vintage.
        foreach (var vintage in Vintages)
        {
            var lsoaCode = LsoaField(vintage, "code");
            var msoaCode = MsoaField(vintage);
            foreach (var lookup in parsed.Lookups.Where(l => l.Columns.ContainsKey(lsoaCode)))
            {
                var codes = lookup.Columns[lsoaCode];
                if (lookup.Columns.TryGetValue(msoaCode, out var msoas))
                {
                    Assign(areas[vintage], codes, msoas, (r, v) => r.MsoaCode ??= v);
                }
            }

            // Ward: the newest ward vintage any lookup keyed by this LSOA vintage gives (ward24_code before ward22_code).
            var wards = parsed.Lookups
                .Where(l => l.Columns.ContainsKey(lsoaCode))
                .SelectMany(l => l.Columns.Keys.Where(k => WardCode().IsMatch(k)).Select(k => (Lookup: l, Field: k)))
                .OrderByDescending(w => w.Field, StringComparer.Ordinal)
                .FirstOrDefault();
            if (wards.Lookup is { } wardLookup)
            {
                var codes = wardLookup.Columns[lsoaCode];
                Assign(areas[vintage], codes, wardLookup.Columns[wards.Field], (r, v) => r.WardCode ??= v);
                if (wardLookup.Columns.TryGetValue(wards.Field.Replace("_code", "_name", StringComparison.Ordinal), out var wardNames))
                {
                    Assign(areas[vintage], codes, wardNames, (r, v) => r.WardName ??= v);
                }
            }
        }

        // Population: the population source of each vintage with the latest period.
        foreach (var vintage in Vintages)
        {
            var best = parsed.Populations
                .Where(p => p.Data.Vintage == vintage && p.Data.AreaCodes.Any(c => c!.StartsWith("E01", StringComparison.Ordinal)))
                .OrderByDescending(p => YearOfPeriod(p.Data.Period ?? p.Source.Period))
                .FirstOrDefault();
            if (best.Data is null)
            {
                continue;
            }

            var year = YearOfPeriod(best.Data.Period ?? best.Source.Period);
            for (var i = 0; i < best.Data.AreaCodes.Length; i++)
            {
                if (areas[vintage].TryGetValue(best.Data.AreaCodes[i]!, out var row))
                {
                    row.Population = best.Data.Totals[i];
                    row.PopulationYear = year > 0 ? year : null;
                }
            }
        }

        // District (one vintage for both LSOA vintages), combined authority and region; after the populations,
        // which settle an LSOA 2011 whose 2021 LSOAs lie in more than one district.
        var changes = parsed.Lookups.FirstOrDefault(l => l.Columns.ContainsKey("lsoa11_code") && l.Columns.ContainsKey("lsoa21_code"));
        var districts = DistrictVintages.Assign(parsed, areas, changes);
        return new GeographyModel(areas, changes, lookupVintages, districts);
    }

    /// <summary>Whether the vintage's membership comes from a geography lookup (so codes can be checked against it).</summary>
    public bool HasLookupFor(int vintage) => _lookupVintages.Contains(vintage);

    internal static void Assign(Dictionary<string, AreaRow> areas, IReadOnlyList<string?> keys, IReadOnlyList<string?> values, Action<AreaRow, string> set)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is { } k && values[i] is { } v && areas.TryGetValue(k, out var row))
            {
                set(row, v);
            }
        }
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

    internal static string LsoaField(int vintage, string what) => $"lsoa{vintage % 100:D2}_{what}";

    internal static string MsoaField(int vintage) => $"msoa{vintage % 100:D2}_code";

    [GeneratedRegex("^ward[0-9]{2}_code$")]
    private static partial Regex WardCode();

    [GeneratedRegex("(19|20)[0-9]{2}")]
    private static partial Regex Year();
}
