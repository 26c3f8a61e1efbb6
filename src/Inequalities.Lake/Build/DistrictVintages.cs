using System.Globalization;
using System.Text.RegularExpressions;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Build;

/// <summary>
/// One district vintage for the whole lake: <c>lad_code</c> of both LSOA vintages is the newest district vintage the
/// catalogue's LSOA lookups give (LAD 2024 with today's catalogues), never a mixture of vintages.
/// </summary>
/// <remarks>
/// An LSOA takes its district (1) from a lookup keyed by its own vintage that gives the newest district field;
/// else (2) through the LSOA 2011 to 2021 lookup from the LSOAs of the other vintage it became or came from (where
/// those lie in more than one district, the one holding most of their population, else most of them; ties to the
/// lower code); else (3) from an older district code (an older lookup, or the index's own assignment) that is also a
/// code of the newest vintage, i.e. unchanged. The next older district vintage the LSOA lookups give is kept as
/// <c>lad_code_previous</c>. Combined authority and region come from district-keyed lookups: directly where they are
/// keyed on the lake's district vintage, otherwise for the codes unchanged between the two vintages, and every code
/// that cannot be carried over is reported. What cannot be assigned is reported, never fatal.
/// </remarks>
internal sealed partial class DistrictVintages
{
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, List<string>> _notes = new(StringComparer.Ordinal);

    private DistrictVintages(int? vintage, int? previousVintage)
    {
        Vintage = vintage;
        PreviousVintage = previousVintage;
    }

    /// <summary>The year of the <c>lad_code</c> vintage (e.g. 2024); null when no LSOA lookup gives a dated district field.</summary>
    public int? Vintage { get; }

    /// <summary>The year of the <c>lad_code_previous</c> vintage (e.g. 2022); null when the LSOA lookups give only one.</summary>
    public int? PreviousVintage { get; }

    /// <summary>What the refresh log warns about: lookups the catalogue lacks, areas left without a code.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Remarks for the manifest, per lookup source id.</summary>
    public IReadOnlyDictionary<string, string> Notes =>
        _notes.ToDictionary(kv => kv.Key, kv => string.Join("; ", kv.Value), StringComparer.Ordinal);

    /// <summary>Sets the district, combined authority and region of every area, and reports what it could not.</summary>
    /// <param name="parsed">The parsed sources (lookups and indices).</param>
    /// <param name="areas">Areas by LSOA vintage, with populations already set.</param>
    /// <param name="changes">The LSOA 2011 to 2021 lookup, when the catalogue has one.</param>
    public static DistrictVintages Assign(ParsedSources parsed, Dictionary<int, Dictionary<string, AreaRow>> areas, LookupData? changes)
    {
        var lsoaKeyed = parsed.Lookups.Where(l => GeographyModel.Vintages.Any(v => l.Columns.ContainsKey(GeographyModel.LsoaField(v, "code")))).ToList();
        var years = lsoaKeyed.SelectMany(LadFields).Select(YearOf).Distinct().OrderDescending().ToList();
        int? target = years.Count > 0 ? years[0] : null;
        int? previous = years.Count > 1 ? years[1] : null;
        var result = new DistrictVintages(target > 0 ? target : null, previous > 0 ? previous : null);
        var universe = target is { } t ? Universe(parsed, t) : null;

        // (1) Directly from a lookup keyed by the LSOA's own vintage.
        foreach (var vintage in GeographyModel.Vintages)
        {
            FromLookups(lsoaKeyed, areas[vintage], vintage, target, (r, c) => r.LadCode ??= c, (r, n) => r.LadName ??= n);
        }

        // (2) Through the LSOA 2011 to 2021 lookup; (3) older codes that are still current.
        if (target is not null && changes is not null)
        {
            result.ThroughChanges(areas, changes);
        }

        result.FromOlderCodes(parsed, lsoaKeyed, areas, universe);

        if (previous is not null)
        {
            foreach (var vintage in GeographyModel.Vintages)
            {
                FromLookups(lsoaKeyed, areas[vintage], vintage, previous, (r, c) => r.LadCodePrevious ??= c, (r, n) => r.LadNamePrevious ??= n);
            }
        }

        var names = DistrictNames(parsed, target);
        foreach (var row in areas.Values.SelectMany(a => a.Values))
        {
            if (row.LadCode is { } code)
            {
                row.LadName ??= names.GetValueOrDefault(code);
            }
        }

        var cauth = result.ParentMap(parsed, "cauth", "combined authority", universe, target);
        var region = result.ParentMap(parsed, "region", "region", universe, target);
        foreach (var row in areas.Values.SelectMany(a => a.Values))
        {
            if (row.LadCode is { } code)
            {
                row.CauthCode = cauth?.GetValueOrDefault(code);
                row.RegionCode = region?.GetValueOrDefault(code);
            }
        }

        result.ReportCoverage(parsed, areas, region is not null);
        return result;
    }

    private static void FromLookups(
        List<LookupData> lookups, Dictionary<string, AreaRow> areas, int vintage, int? year, Action<AreaRow, string> setCode, Action<AreaRow, string> setName)
    {
        var lsoaCode = GeographyModel.LsoaField(vintage, "code");
        foreach (var lookup in lookups.Where(l => l.Columns.ContainsKey(lsoaCode)))
        {
            foreach (var field in LadFields(lookup).Where(f => YearOf(f) == year))
            {
                var codes = lookup.Columns[lsoaCode];
                GeographyModel.Assign(areas, codes, lookup.Columns[field], setCode);
                if (lookup.Columns.TryGetValue(NameField(field), out var names))
                {
                    GeographyModel.Assign(areas, codes, names, setName);
                }
            }
        }
    }

    /// <summary>(2): an LSOA without a direct district takes the district of the LSOAs of the other vintage it maps to.</summary>
    private void ThroughChanges(Dictionary<int, Dictionary<string, AreaRow>> areas, LookupData changes)
    {
        var from = changes.Columns["lsoa11_code"];
        var to = changes.Columns["lsoa21_code"];
        var links = new Dictionary<int, Dictionary<string, List<string>>>
        {
            [2011] = new(StringComparer.Ordinal),
            [2021] = new(StringComparer.Ordinal),
        };
        for (var i = 0; i < from.Length; i++)
        {
            if (from[i] is { } a && to[i] is { } b)
            {
                Link(links[2011], a, b);
                Link(links[2021], b, a);
            }
        }

        // Only districts assigned directly (1) are passed on, so the result does not depend on the order.
        var direct = areas.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Values.Where(r => r.LadCode is not null).ToDictionary(r => r.LsoaCode, r => r, StringComparer.Ordinal));
        var crossing = new List<string>();
        var bridged = new Dictionary<int, int>();
        foreach (var vintage in GeographyModel.Vintages)
        {
            var other = vintage == 2011 ? 2021 : 2011;
            foreach (var row in areas[vintage].Values.Where(r => r.LadCode is null))
            {
                if (!links[vintage].TryGetValue(row.LsoaCode, out var linked))
                {
                    continue;
                }

                var parts = linked.Select(c => direct[other].GetValueOrDefault(c)).OfType<AreaRow>().ToList();
                if (parts.Count == 0)
                {
                    continue;
                }

                var byPopulation = parts.All(p => p.Population is not null);
                var weights = parts
                    .GroupBy(p => p.LadCode!, StringComparer.Ordinal)
                    .Select(g => (Lad: g.Key, Name: g.First().LadName, Weight: g.Sum(p => byPopulation ? p.Population!.Value : 1.0)))
                    .OrderByDescending(w => w.Weight)
                    .ThenBy(w => w.Lad, StringComparer.Ordinal)
                    .ToList();
                row.LadCode = weights[0].Lad;
                row.LadName = weights[0].Name;
                bridged[vintage] = bridged.GetValueOrDefault(vintage) + 1;
                if (weights.Count > 1)
                {
                    var share = weights[0].Weight / weights.Sum(w => w.Weight);
                    var basis = byPopulation ? $"the population of its LSOA {other}s" : $"its LSOA {other}s";
                    crossing.Add(string.Create(CultureInfo.InvariantCulture, $"{row.LsoaCode} -> {weights[0].Lad} ({share * 100:F0}% of {basis}; also {string.Join(", ", weights.Skip(1).Select(w => w.Lad))})"));
                }
            }
        }

        if (bridged.Count > 0)
        {
            Note(changes.SourceId, string.Join(" and ", bridged.OrderBy(b => b.Key).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Value:N0} LSOA {b.Key}s"))) + $" took their {Label(Vintage)} district through this lookup");
        }

        if (crossing.Count > 0)
        {
            Note(changes.SourceId, $"{crossing.Count} LSOAs map to LSOAs of the other vintage in more than one district and took the district holding most of them: {string.Join("; ", crossing)}");
        }
    }

    /// <summary>(3): an older district code from an LSOA lookup or the index, where it is still a code of the lake's vintage.</summary>
    private void FromOlderCodes(ParsedSources parsed, List<LookupData> lsoaKeyed, Dictionary<int, Dictionary<string, AreaRow>> areas, Dictionary<string, string?>? universe)
    {
        foreach (var vintage in GeographyModel.Vintages)
        {
            var missing = areas[vintage].Values.Where(r => r.LadCode is null).ToDictionary(r => r.LsoaCode, r => r, StringComparer.Ordinal);
            if (missing.Count == 0)
            {
                continue;
            }

            var lsoaCode = GeographyModel.LsoaField(vintage, "code");
            var candidates = lsoaKeyed
                .Where(l => l.Columns.ContainsKey(lsoaCode))
                .SelectMany(l => LadFields(l).Select(f => (Source: l.SourceId, Codes: l.Columns[lsoaCode], Lads: l.Columns[f], Names: l.Columns.GetValueOrDefault(NameField(f)), Year: YearOf(f))))
                .OrderByDescending(c => c.Year)
                .Select(c => (c.Source, c.Codes, c.Lads, c.Names))
                .Concat(parsed.Deprivation.Where(d => d.Vintage == vintage && d.LadCodes is not null)
                    .Select(d => (Source: d.SourceId, Codes: d.LsoaCodes, Lads: d.LadCodes!, Names: d.LadNames)));
            foreach (var (source, codes, lads, names) in candidates)
            {
                var used = 0;
                for (var i = 0; i < codes.Length; i++)
                {
                    if (codes[i] is { } code && lads[i] is { } lad && missing.TryGetValue(code, out var row)
                        && (universe is null || universe.ContainsKey(lad)))
                    {
                        row.LadCode = lad;
                        row.LadName = universe?.GetValueOrDefault(lad) ?? names?[i];
                        missing.Remove(code);
                        used++;
                    }
                }

                if (used > 0 && universe is not null)
                {
                    Note(source, string.Create(CultureInfo.InvariantCulture, $"{used:N0} LSOA {vintage}s took their district code from here, where it is unchanged in {Label(Vintage)}"));
                }
            }
        }
    }

    /// <summary>District code to parent code (combined authority or region), in the lake's district vintage; null when no lookup gives the parent.</summary>
    private Dictionary<string, string>? ParentMap(ParsedSources parsed, string family, string what, Dictionary<string, string?>? universe, int? target)
    {
        var lookups = parsed.Lookups
            .Where(l => !l.Columns.Keys.Any(k => k.StartsWith("lsoa", StringComparison.Ordinal)))
            .Select(l => (Lookup: l, Parent: NewestField(l, family), Lad: LadFields(l).OrderByDescending(YearOf).FirstOrDefault()))
            .Where(x => x.Parent is not null && x.Lad is not null)
            .OrderByDescending(x => YearOf(x.Lad!) == target)
            .ThenByDescending(x => YearOf(x.Lad!))
            .ToList();
        if (lookups.Count == 0)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (lookup, parent, ladField) in lookups)
        {
            var year = YearOf(ladField!);
            var lads = lookup.Columns[ladField!];
            var values = lookup.Columns[parent!];
            var names = lookup.Columns.GetValueOrDefault(NameField(ladField!));
            var unmatched = new SortedSet<string>(StringComparer.Ordinal);
            var districts = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < lads.Length; i++)
            {
                if (lads[i] is not { } lad || values[i] is not { } value)
                {
                    continue;
                }

                districts.Add(lad);
                if (universe is null || year == target || universe.ContainsKey(lad))
                {
                    map.TryAdd(lad, value);
                }
                else
                {
                    unmatched.Add(names?[i] is { } n ? $"{lad} ({n})" : lad);
                }
            }

            if (universe is null || year == target)
            {
                continue;
            }

            var matched = districts.Count - unmatched.Count;
            Note(lookup.SourceId, string.Create(CultureInfo.InvariantCulture, $"keyed on {Label(year)} districts; the lake's districts are {Label(target)}: {matched:N0} of {districts.Count:N0} codes are unchanged and carried over"));
            if (unmatched.Count > 0)
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"{unmatched.Count:N0} {Label(year)} districts in '{lookup.SourceId}' are not {Label(Vintage)} codes, so their {what} is not carried over (their LSOAs have no {family}_code unless another lookup gives it): {string.Join(", ", unmatched)}");
                Warn(message);
                Note(lookup.SourceId, message);
            }
        }

        return map;
    }

    /// <summary>Warns about every English LSOA left without a district, a region or (where a lookup exists) an MSOA.</summary>
    private void ReportCoverage(ParsedSources parsed, Dictionary<int, Dictionary<string, AreaRow>> areas, bool hasRegionLookup)
    {
        if (!hasRegionLookup && areas.Values.Any(a => a.Count > 0))
        {
            Warn($"the catalogue has no district-to-region lookup (a lookup with a lad<YY>_code and a region<YY>_code field, ideally {Label(Vintage)}): region_code is empty");
        }

        foreach (var (vintage, set) in areas.Where(a => a.Value.Count > 0))
        {
            var noLad = set.Values.Where(r => r.LadCode is null).Select(r => r.LsoaCode).Order(StringComparer.Ordinal).ToList();
            if (noLad.Count > 0)
            {
                Warn(string.Create(CultureInfo.InvariantCulture, $"{noLad.Count:N0} of {set.Count:N0} LSOA {vintage}s have no lad_code ({Label(Vintage)}), e.g. {string.Join(", ", noLad.Take(5))}: the catalogue lacks a lookup from LSOA {vintage} to {Label(Vintage)} covering them (directly, or through the LSOA 2011 to 2021 lookup)"));
            }

            var noRegion = set.Values.Where(r => r.LadCode is not null && r.RegionCode is null).ToList();
            if (hasRegionLookup && noRegion.Count > 0)
            {
                var lads = noRegion.Select(r => r.LadCode!).Distinct().Order(StringComparer.Ordinal).ToList();
                Warn(string.Create(CultureInfo.InvariantCulture, $"{noRegion.Count:N0} LSOA {vintage}s in {lads.Count:N0} districts have no region_code: no district-to-region lookup gives {string.Join(", ", lads.Take(10))}{(lads.Count > 10 ? ", ..." : "")}"));
            }

            var msoaField = GeographyModel.MsoaField(vintage);
            var msoaLookups = parsed.Lookups
                .Where(l => l.Columns.ContainsKey(GeographyModel.LsoaField(vintage, "code")) && l.Columns.ContainsKey(msoaField))
                .Select(l => l.SourceId)
                .ToList();
            var noMsoa = set.Values.Where(r => r.MsoaCode is null).Select(r => r.LsoaCode).Order(StringComparer.Ordinal).ToList();
            if (msoaLookups.Count == 0)
            {
                Warn($"the catalogue has no LSOA {vintage} to MSOA {vintage} lookup (lsoa{vintage % 100:D2}_code with {msoaField}): msoa_code is empty for LSOA {vintage}");
            }
            else if (noMsoa.Count > 0)
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"{noMsoa.Count:N0} of {set.Count:N0} LSOA {vintage}s have no msoa_code: the LSOA {vintage} to MSOA lookups ({string.Join(", ", msoaLookups.Select(s => $"'{s}'"))}) do not cover them, e.g. {string.Join(", ", noMsoa.Take(5))}");
                Warn(message);
                foreach (var source in msoaLookups)
                {
                    Note(source, message);
                }
            }
        }
    }

    private void Warn(string message) => _warnings.Add(message);

    private void Note(string sourceId, string message)
    {
        if (!_notes.TryGetValue(sourceId, out var list))
        {
            list = [];
            _notes[sourceId] = list;
        }

        list.Add(message);
    }

    private static void Link(Dictionary<string, List<string>> links, string from, string to)
    {
        if (!links.TryGetValue(from, out var list))
        {
            list = [];
            links[from] = list;
        }

        list.Add(to);
    }

    /// <summary>Every district code (with its name, where given) that any lookup lists for the vintage <paramref name="year"/>.</summary>
    private static Dictionary<string, string?> Universe(ParsedSources parsed, int year)
    {
        var codes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var lookup in parsed.Lookups)
        {
            foreach (var field in LadFields(lookup).Where(f => YearOf(f) == year))
            {
                var values = lookup.Columns[field];
                var names = lookup.Columns.GetValueOrDefault(NameField(field));
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is { } c && (!codes.TryGetValue(c, out var known) || known is null))
                    {
                        codes[c] = names?[i];
                    }
                }
            }
        }

        return codes;
    }

    /// <summary>District names from every lookup, the lake's vintage first.</summary>
    private static Dictionary<string, string> DistrictNames(ParsedSources parsed, int? target)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = parsed.Lookups
            .SelectMany(l => LadFields(l).Select(f => (Lookup: l, Field: f)))
            .OrderByDescending(x => YearOf(x.Field) == target)
            .ThenByDescending(x => YearOf(x.Field));
        foreach (var (lookup, field) in fields)
        {
            if (lookup.Columns.TryGetValue(NameField(field), out var names))
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

        return map;
    }

    private static IEnumerable<string> LadFields(LookupData lookup) => lookup.Columns.Keys.Where(k => LadField().IsMatch(k));

    private static string NameField(string codeField) => codeField[..^"_code".Length] + "_name";

    private static string? NewestField(LookupData lookup, string family) =>
        lookup.Columns.Keys
            .Where(k => k.StartsWith(family, StringComparison.Ordinal) && k.EndsWith("_code", StringComparison.Ordinal) && (k.Length == family.Length + 5 || char.IsDigit(k[family.Length])))
            .OrderByDescending(YearOf)
            .FirstOrDefault();

    /// <summary>The year a field is dated by (<c>lad24_code</c> gives 2024, <c>lad2024_code</c> 2024); 0 when undated.</summary>
    internal static int YearOf(string field)
    {
        var digits = new string(field.Where(char.IsDigit).ToArray());
        if (digits.Length == 0)
        {
            return 0;
        }

        var year = int.Parse(digits, CultureInfo.InvariantCulture);
        return year < 100 ? 2000 + year : year;
    }

    private static string Label(int? year) => year is > 0 ? $"LAD {year}" : "undated";

    [GeneratedRegex("^lad[0-9]*_code$")]
    private static partial Regex LadField();
}
