using Inequalities.Core.Geography;
using Inequalities.Core.Need;
using Inequalities.Lake.Build;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Parsing;

namespace Inequalities.Lake.Assets;

/// <summary>
/// The need score of every LSOA 2021, from the <c>asset_need.need</c> components (or the default: the IMD of the
/// newest LSOA 2021 index, else of an LSOA 2011 index moved to 2021 with the change lookup).
/// </summary>
internal sealed class NeedInputs
{
    private NeedInputs(string? error, NeedResult result, Dictionary<string, int> index, List<string> sources)
    {
        Error = error;
        Result = result;
        Index = index;
        Sources = sources;
    }

    /// <summary>Why need could not be scored, or null.</summary>
    public string? Error { get; }

    /// <summary>Scores, ranks and deciles aligned with <see cref="Index"/>.</summary>
    public NeedResult Result { get; }

    /// <summary>LSOA code to its position in <see cref="Result"/>.</summary>
    public Dictionary<string, int> Index { get; }

    /// <summary>The source ids the need came from.</summary>
    public List<string> Sources { get; }

    public static NeedInputs Build(ParsedSources parsed, GeographyModel geography, Dictionary<int, VintageBridge> bridges, AssetNeedSettings settings, IReadOnlySet<string> lsoas)
    {
        var codes = lsoas.Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(codes.Length, StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++)
        {
            index[codes[i]] = i;
        }

        var wanted = settings.Need;
        if (wanted.Count == 0)
        {
            var best = parsed.Deprivation
                .Where(d => d.Domains.Any(x => x.Domain == "imd" && (x.Scores is not null || x.Ranks is not null)))
                .OrderByDescending(d => d.Vintage == AssetNeedTables.Vintage)
                .ThenByDescending(d => d.IndexId == "iod2025")
                .ThenByDescending(d => d.IndexId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best is null)
            {
                return Failed("no deprivation index with an 'imd' domain was parsed; add one (e.g. IoD2025 File 7) or list the need components in asset_need.need", index);
            }

            wanted = [new NeedComponentSettings { Index = best.IndexId, Domain = "imd" }];
        }

        var components = new List<NeedComponent>();
        var sources = new List<string>();
        foreach (var component in wanted)
        {
            var (values, error, used) = component.Index is not null
                ? FromIndex(parsed, bridges, component, index)
                : FromIndicator(parsed, geography, bridges, component, index);
            if (error is not null)
            {
                return Failed(error, index);
            }

            sources.AddRange(used);
            components.Add(new NeedComponent(component.Label, values!.Value.Values, component.Weight, values.Value.HigherIsMoreNeed));
        }

        if (codes.Length == 0)
        {
            return Failed("the geography has no LSOA 2021s to score", index);
        }

        return new NeedInputs(null, NeedScore.Combine(components), index, sources);
    }

    private static NeedInputs Failed(string error, Dictionary<string, int> index) => new(error, new NeedResult([], [], []), index, []);

    private static ((double[] Values, bool HigherIsMoreNeed)? Values, string? Error, string[] Sources) FromIndex(
        ParsedSources parsed, Dictionary<int, VintageBridge> bridges, NeedComponentSettings component, Dictionary<string, int> index)
    {
        var candidates = parsed.Deprivation.Where(d => d.IndexId == component.Index).ToList();
        var useRank = component.Measure == "rank";
        var found = candidates
            .Select(d => (Data: d, Domain: d.Domains.FirstOrDefault(x => x.Domain == component.Domain)))
            .Where(x => x.Domain is not null && (useRank ? x.Domain.Ranks is not null : component.Measure == "score" ? x.Domain.Scores is not null : x.Domain.Scores is not null || x.Domain.Ranks is not null))
            .OrderByDescending(x => x.Domain!.Scores is not null)
            .FirstOrDefault();
        if (found.Data is null)
        {
            return (null, $"need component '{component.Label}': no parsed source of index '{component.Index}' has the domain '{component.Domain}'{(component.Measure is null ? string.Empty : $" with a {component.Measure}")}", []);
        }

        var (data, domain) = (found.Data, found.Domain!);
        var rank = useRank || domain.Scores is null;
        var values = new Dictionary<string, double>(data.LsoaCodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < data.LsoaCodes.Length; i++)
        {
            var v = rank ? (domain.Ranks![i] > 0 ? domain.Ranks[i] : double.NaN) : domain.Scores![i];
            values[data.LsoaCodes[i]!] = v;
        }

        var aligned = Align(values, data.Vintage, bridges, index);
        if (aligned is null)
        {
            return (null, $"need component '{component.Label}': the index is for LSOA {data.Vintage} and the catalogue has no LSOA 2011 to 2021 lookup to convert it", []);
        }

        // Ranks: 1 = most deprived, so a smaller rank is more need; scores follow the component's setting.
        return ((aligned, rank ? false : component.HigherIsNeed), null, [data.SourceId]);
    }

    private static ((double[] Values, bool HigherIsMoreNeed)? Values, string? Error, string[] Sources) FromIndicator(
        ParsedSources parsed, GeographyModel geography, Dictionary<int, VintageBridge> bridges, NeedComponentSettings component, Dictionary<string, int> index)
    {
        var rows = new List<(SourceDefinition Source, IndicatorData Data, int Row)>();
        foreach (var (source, data) in parsed.Indicators.Where(x => component.Source is null || x.Source.Id == component.Source))
        {
            for (var i = 0; i < data.Rows; i++)
            {
                if (data.IndicatorId[i] == component.Indicator && data.Sex[i] is null or "" or "Persons" or "persons" or "All" && !double.IsNaN(data.Value[i]))
                {
                    rows.Add((source, data, i));
                }
            }
        }

        if (rows.Count == 0)
        {
            return (null, $"need component '{component.Label}': no parsed indicator source has indicator '{component.Indicator}'{(component.Source is null ? string.Empty : $" in source '{component.Source}'")}", []);
        }

        var period = component.Period ?? rows.Select(r => r.Data.Period[r.Row]).OrderBy(GeographyModel.YearOfPeriod).ThenBy(p => p, StringComparer.Ordinal).Last();
        rows = rows.Where(r => r.Data.Period[r.Row] == period).ToList();
        if (rows.Count == 0)
        {
            return (null, $"need component '{component.Label}': the indicator has no values for period '{period}'", []);
        }

        var sourceIds = rows.Select(r => r.Source.Id).Distinct().ToArray();
        var lsoaRows = rows.Where(r => r.Data.AreaType[r.Row] == "lsoa").ToList();
        if (lsoaRows.Count > 0)
        {
            var vintage = lsoaRows[0].Source.Vintage is 2011 ? 2011 : AssetNeedTables.Vintage;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (_, data, i) in lsoaRows)
            {
                values[data.AreaCode[i]!] = data.Value[i];
            }

            var aligned = Align(values, vintage, bridges, index);
            return aligned is null
                ? (null, $"need component '{component.Label}': the indicator is for LSOA 2011 and the catalogue has no LSOA 2011 to 2021 lookup", [])
                : ((aligned, component.HigherIsNeed), null, sourceIds);
        }

        // Published for larger areas: each LSOA takes the value of the MSOA, district, combined authority or region it is in.
        var larger = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (_, data, i) in rows)
        {
            larger[data.AreaCode[i]!] = data.Value[i];
        }

        var result = new double[index.Count];
        Array.Fill(result, double.NaN);
        foreach (var (code, at) in index)
        {
            if (geography.Areas[AssetNeedTables.Vintage].TryGetValue(code, out var area))
            {
                foreach (var parent in new[] { area.MsoaCode, area.LadCode, area.CauthCode, area.RegionCode })
                {
                    if (parent is not null && larger.TryGetValue(parent, out var v))
                    {
                        result[at] = v;
                        break;
                    }
                }
            }
        }

        return ((result, component.HigherIsNeed), null, sourceIds);
    }

    private static double[]? Align(Dictionary<string, double> values, int vintage, Dictionary<int, VintageBridge> bridges, Dictionary<string, int> index)
    {
        var result = new double[index.Count];
        Array.Fill(result, double.NaN);
        if (vintage == AssetNeedTables.Vintage)
        {
            foreach (var (code, v) in values)
            {
                if (index.TryGetValue(code, out var at))
                {
                    result[at] = v;
                }
            }

            return result;
        }

        if (!bridges.TryGetValue(2011, out var bridge))
        {
            return null;
        }

        var converted = bridge.Convert(values, ValueKind.Rate);
        for (var t = 0; t < converted.Length; t++)
        {
            if (index.TryGetValue(bridge.Targets[t], out var at))
            {
                result[at] = converted[t];
            }
        }

        return result;
    }
}
