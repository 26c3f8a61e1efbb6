using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;
using Inequalities.Sources.Catalogue;

using Inequalities.Lake.Gradients;

namespace Inequalities.Benchmarks.PreviousGradients;

/// <summary>An indicator series as the previous implementation kept it: LSOA values by code.</summary>
internal sealed record PreviousSeries(SeriesKey Key, Dictionary<string, double> Values)
{
    public Dictionary<string, (double Count, double Denominator)>? Counts { get; set; }
}


/// <summary>
/// The gradient computation as it was before dense LSOA ids (commit d609ced, the lake-equality baseline): LSOA codes as
/// strings in dictionaries per basis and series. Frozen here as the Baseline of <see cref="GradientBenchmark"/>; the
/// lake builds with <see cref="GradientTables"/>.
/// </summary>
internal static class PreviousGradientTables
{
    public static GradientOutput Build(
        Table areas, Table deprivation, Table lsoaIndicators, GradientSettings settings,
        IndicatorMetadataCatalogue? metadata = null, Table? indicators = null, IReadOnlyDictionary<int, VintageBridge>? bridges = null)
    {
        metadata ??= IndicatorMetadataCatalogue.Empty;
        var q = new QuantileTableColumns();
        var g = new GradientTableColumns();
        var rows = new List<GradientRow>();
        var counts = indicators is null ? null : LsoaCounts(indicators);
        var seriesByVintage = new Dictionary<int, List<PreviousSeries>>();
        foreach (var basis in GradientTables.Bases(deprivation, settings))
        {
            if (GradientTables.VintageOf(deprivation, basis.Index) is not { } indexVintage)
            {
                continue;
            }

            var vintage = basis.Vintage ?? indexVintage;
            VintageBridge? bridge = null;
            if (vintage != indexVintage && (bridges is null || !bridges.TryGetValue(indexVintage, out bridge)))
            {
                continue;
            }

            var context = new PreviousBasisContext(areas, deprivation, basis, indexVintage, vintage, bridge);
            if (!seriesByVintage.TryGetValue(vintage, out var series))
            {
                series = SeriesOf(lsoaIndicators, vintage, settings, counts);
                seriesByVintage[vintage] = series;
            }

            foreach (var s in series)
            {
                var meta = metadata.For(s.Key.SourceId, s.Key.IndicatorId);
                foreach (var row in Compute(context, basis, s, meta, settings, q))
                {
                    rows.Add(row);
                    g.Add(row, meta);
                }
            }
        }

        return new GradientOutput(q.Build(), g.Build(), TrendTable.Build(rows));
    }

    private static IEnumerable<GradientRow> Compute(
        PreviousBasisContext context, GradientBasis basis, PreviousSeries series, IndicatorMetadata? meta, GradientSettings settings, QuantileTableColumns q)
    {
        var countOptions = series.Counts is not null && meta?.ValueKind is IndicatorValueKind.Proportion or IndicatorValueKind.Rate
            ? new SmallQuantileOptions { Counts = meta.ValueKind == IndicatorValueKind.Rate ? CountScale.Rate : CountScale.Proportion, Multiplier = meta.Multiplier ?? 1 }
            : null;
        var records = new List<SiiRecord>();
        var pending = new List<(string Area, string Type, QuantileValue[] Summary, string? Reason, LsoaGradientResult Lsoa, double MinValue)>();
        foreach (var (areaCode, areaType, members) in context.Areas)
        {
            var n = members.Count;
            var quantiles = new int[n];
            var values = new double[n];
            var populations = new double[n];
            var ranks = new double[n];
            var count = countOptions is null ? [] : new double[n];
            var denominator = countOptions is null ? [] : new double[n];
            var withValue = new int[basis.Quantiles + 1];
            var local = basis.Ranking == QuantileRanking.Local ? context.LocalQuantiles(areaCode, members) : null;
            var minValue = double.PositiveInfinity;
            var any = false;
            for (var i = 0; i < n; i++)
            {
                var lsoa = members[i];
                quantiles[i] = local is null ? context.NationalQuantile(lsoa) : local.GetValueOrDefault(lsoa);
                values[i] = series.Values.TryGetValue(lsoa, out var v) ? v : double.NaN;
                populations[i] = context.Population(lsoa);
                ranks[i] = context.Rank(lsoa);
                if (countOptions is not null)
                {
                    (count[i], denominator[i]) = series.Counts!.TryGetValue(lsoa, out var c) ? c : (double.NaN, double.NaN);
                }

                if (!double.IsNaN(values[i]))
                {
                    any = true;
                    withValue[quantiles[i]]++;
                    if (populations[i] > 0)
                    {
                        minValue = Math.Min(minValue, values[i]);
                    }
                }
            }

            if (!any)
            {
                continue;
            }

            var summary = QuantileSummary.AggregateWithSmallQuantiles(quantiles, values, populations, basis.Quantiles, count, denominator, countOptions);
            foreach (var s in summary)
            {
                q.Add(series.Key, areaCode, areaType, basis, s);
            }

            var reason = GradientTables.QuantileReason(summary, withValue, basis.Quantiles);
            if (reason is null)
            {
                records.AddRange(summary.Select(s => new SiiRecord(areaCode, s.Quantile, s.Population, s.Value) { StandardError = s.StandardError }));
            }

            pending.Add((areaCode, areaType, summary, reason, LsoaGradient.Fit(ranks, values, populations), minValue));
        }

        // The RII is simulated where Fieller's closed form does not hold: ask for it only where it will be kept.
        var (slopes, dropped) = GradientTables.Slopes(records, settings, rii: meta?.IsRatioScale == true);
        foreach (var (area, type, summary, reason, lsoa, minValue) in pending)
        {
            yield return GradientTables.QuantileRow(series.Key, area, type, basis, context.Vintage, summary, reason ?? dropped.GetValueOrDefault(area), slopes.GetValueOrDefault(area), meta, settings);
            yield return GradientTables.LsoaRow(series.Key, area, type, basis, context.Vintage, lsoa, meta, minValue);
        }
    }

    private static List<PreviousSeries> SeriesOf(
        Table lsoaIndicators, int vintage, GradientSettings settings, Dictionary<(string, string, string), Dictionary<string, (double, double)>>? counts)
    {
        var code = lsoaIndicators.Strings("lsoa_code");
        var ofVintage = lsoaIndicators.Mask(("lsoa_vintage", vintage));
        var inherited = settings.IncludeInherited ? null : lsoaIndicators.Mask(("method", "inherited"));
        var source = lsoaIndicators.Strings("source_id");
        var indicator = lsoaIndicators.Strings("indicator_id");
        var period = lsoaIndicators.Strings("period");
        var value = lsoaIndicators.Primitive<double>("value");
        var series = new Dictionary<(string, string, string), PreviousSeries>();
        for (var i = 0; i < lsoaIndicators.RowCount; i++)
        {
            if (!ofVintage[i] || (inherited is not null && inherited[i]) || value[i] is not { } x)
            {
                continue;
            }

            var key = (source[i]!, indicator[i]!, period[i]!);
            if (!series.TryGetValue(key, out var s))
            {
                if (!settings.Selects(key.Item1, key.Item2))
                {
                    continue;
                }

                s = new PreviousSeries(new SeriesKey(key.Item1, key.Item2, key.Item3), new Dictionary<string, double>(StringComparer.Ordinal))
                {
                    Counts = counts?.GetValueOrDefault(key),
                };
                series[key] = s;
            }

            s.Values[code[i]!] = x;
        }

        return [.. series.Values.OrderBy(s => s.Key.SourceId, StringComparer.Ordinal).ThenBy(s => s.Key.IndicatorId, StringComparer.Ordinal).ThenBy(s => s.Key.Period, StringComparer.Ordinal)];
    }

    /// <summary>Counts and denominators published per LSOA (persons), by series.</summary>
    private static Dictionary<(string, string, string), Dictionary<string, (double, double)>> LsoaCounts(Table indicators)
    {
        var result = new Dictionary<(string, string, string), Dictionary<string, (double, double)>>();
        if (!indicators.Contains("count") || !indicators.Contains("denominator"))
        {
            return result;
        }

        var lsoa = indicators.Mask(("area_type", "lsoa"));
        var persons = indicators.MaskAnyOf("sex", [CellValue.Null, "Persons"]);
        var count = indicators.Primitive<double>("count");
        var denominator = indicators.Primitive<double>("denominator");
        for (var i = 0; i < indicators.RowCount; i++)
        {
            if (!lsoa[i] || !persons[i] || count[i] is not { } c || denominator[i] is not { } d)
            {
                continue;
            }

            var key = (indicators.Strings("source_id")[i]!, indicators.Strings("indicator_id")[i]!, indicators.Strings("period")[i]!);
            if (!result.TryGetValue(key, out var map))
            {
                map = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
                result[key] = map;
            }

            map[indicators.Strings("area_code")[i]!] = (c, d);
        }

        return result;
    }

}
