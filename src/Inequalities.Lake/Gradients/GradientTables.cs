using Inequalities.Core.Columnar;
using Inequalities.Core.Geography;
using Inequalities.Core.Inequality;
using Inequalities.Core.Measures;
using Inequalities.Sources.Catalogue;

namespace Inequalities.Lake.Gradients;

/// <summary>The gradient tables of one refresh.</summary>
/// <param name="Quantiles"><c>inequality_quantiles</c>.</param>
/// <param name="Gradients"><c>inequality_gradients</c>.</param>
/// <param name="Trends"><c>inequality_trends</c>.</param>
internal sealed record GradientOutput(Table Quantiles, Table Gradients, Table Trends);

/// <summary>
/// <c>inequality_quantiles</c>, <c>inequality_gradients</c> and <c>inequality_trends</c>: for every LSOA-level indicator
/// series in the lake and every area (each district, each combined authority, England), on each deprivation basis,
/// the population-weighted value of each quantile with its standard error, and the slope and relative index of
/// inequality by two methods: <c>quantile</c> (OHID, on the quantile table, which is exactly the input of the
/// <c>sii</c> verb) and <c>lsoa</c> (weighted least squares on the LSOAs' own values). Every null slope has a reason
/// and every slope its standard-error method; see <see cref="GradientVocabulary"/>.
/// </summary>
internal static class GradientTables
{
    public const string England = "E92000001";

    public static GradientOutput Build(
        Table areas, Table deprivation, Table lsoaIndicators, GradientSettings settings,
        IndicatorMetadataCatalogue? metadata = null, Table? indicators = null, IReadOnlyDictionary<int, VintageBridge>? bridges = null)
    {
        metadata ??= IndicatorMetadataCatalogue.Empty;
        var q = new QuantileTableColumns();
        var g = new GradientTableColumns();
        var rows = new List<GradientRow>();
        var counts = indicators is null ? null : LsoaCounts(indicators);
        var seriesByVintage = new Dictionary<int, List<GradientSeries>>();
        foreach (var basis in Bases(deprivation, settings))
        {
            if (VintageOf(deprivation, basis.Index) is not { } indexVintage)
            {
                continue;
            }

            var vintage = basis.Vintage ?? indexVintage;
            VintageBridge? bridge = null;
            if (vintage != indexVintage && (bridges is null || !bridges.TryGetValue(indexVintage, out bridge)))
            {
                continue;
            }

            var context = new GradientBasisContext(areas, deprivation, basis, indexVintage, vintage, bridge);
            if (!seriesByVintage.TryGetValue(vintage, out var series))
            {
                series = SeriesOf(lsoaIndicators, vintage, settings, counts);
                seriesByVintage[vintage] = series;
            }

            foreach (var s in series)
            {
                var meta = metadata.For(s.SourceId, s.IndicatorId);
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
        GradientBasisContext context, GradientBasis basis, GradientSeries series, IndicatorMetadata? meta, GradientSettings settings, QuantileTableColumns q)
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
                q.Add(series, areaCode, areaType, basis, s);
            }

            var reason = QuantileReason(summary, withValue, basis.Quantiles);
            if (reason is null)
            {
                records.AddRange(summary.Select(s => new SiiRecord(areaCode, s.Quantile, s.Population, s.Value) { StandardError = s.StandardError }));
            }

            pending.Add((areaCode, areaType, summary, reason, LsoaGradient.Fit(ranks, values, populations), minValue));
        }

        // The RII is simulated where Fieller's closed form does not hold: ask for it only where it will be kept.
        var (slopes, dropped) = Slopes(records, settings, rii: meta?.IsRatioScale == true);
        foreach (var (area, type, summary, reason, lsoa, minValue) in pending)
        {
            yield return QuantileRow(series, area, type, basis, context.Vintage, summary, reason ?? dropped.GetValueOrDefault(area), slopes.GetValueOrDefault(area), meta, settings);
            yield return LsoaRow(series, area, type, basis, context.Vintage, lsoa, meta, minValue);
        }
    }

    private static GradientRow QuantileRow(
        GradientSeries series, string area, string type, GradientBasis basis, int vintage, QuantileValue[] summary, string? reason,
        SiiGroupResult? sii, IndicatorMetadata? meta, GradientSettings settings)
    {
        var row = new GradientRow(series, area, type, basis, vintage, GradientVocabulary.QuantileMethod, summary.Sum(s => s.Areas))
        {
            AbsGap = N(QuantileSummary.AbsoluteGap(summary, basis.Quantiles)),
            RelGap = N(QuantileSummary.RelativeGap(summary, basis.Quantiles)),
            ConcentrationIndex = N(QuantileSummary.ConcentrationIndex(summary)),
            Repetitions = settings.Repetitions,
        };
        if (sii is null)
        {
            return row with { Reason = reason ?? GradientVocabulary.NoStandardError };
        }

        var lower = sii.SiiLimits[0].Lower;
        var upper = sii.SiiLimits[0].Upper;
        var riiReason = RiiReason(meta, summary.Min(s => s.Value), sii.Intercept, sii.Sii);
        return row with
        {
            Sii = sii.Sii,
            SiiLower = lower,
            SiiUpper = upper,
            SiiSe = InequalityChange.StandardErrorOf(lower, upper),
            SeMethod = GradientVocabulary.SeMethodOf(summary.Select(s => s.ErrorMethod)),
            Rii = riiReason is null ? sii.Rii : null,
            RiiLower = riiReason is null && sii.RiiLimits.Count > 0 ? sii.RiiLimits[0].Lower : null,
            RiiUpper = riiReason is null && sii.RiiLimits.Count > 0 ? sii.RiiLimits[0].Upper : null,
            RiiReason = riiReason,
        };
    }

    private static GradientRow LsoaRow(
        GradientSeries series, string area, string type, GradientBasis basis, int vintage, LsoaGradientResult fit, IndicatorMetadata? meta, double minValue)
    {
        var row = new GradientRow(series, area, type, basis, vintage, GradientVocabulary.LsoaMethod, fit.Lsoas);
        if (fit.Status != LsoaGradientStatus.Ok)
        {
            return row with { Reason = fit.Status == LsoaGradientStatus.TooFewLsoas ? GradientVocabulary.TooFewLsoas : GradientVocabulary.NoVariation };
        }

        var riiReason = RiiReason(meta, minValue, fit.Intercept, fit.Sii);
        return row with
        {
            Sii = fit.Sii,
            SiiLower = fit.SiiLower,
            SiiUpper = fit.SiiUpper,
            SiiSe = fit.StandardError,
            SeMethod = GradientVocabulary.ClusterRobust,
            Rii = riiReason is null ? fit.Rii : null,
            RiiLower = riiReason is null ? N(fit.RiiLower) : null,
            RiiUpper = riiReason is null ? N(fit.RiiUpper) : null,
            RiiReason = riiReason,
            ConcentrationIndex = N(fit.ConcentrationIndex),
        };
    }

    /// <summary>Why an area has no quantile-method slope before estimating it, or null when every quantile is usable.</summary>
    private static string? QuantileReason(QuantileValue[] summary, int[] withValue, int quantileCount)
    {
        var present = summary.Select(s => s.Quantile).ToHashSet();
        var absent = Enumerable.Range(1, quantileCount).Where(k => !present.Contains(k)).ToList();
        if (absent.Any(k => withValue[k] == 0))
        {
            return GradientVocabulary.MissingQuantile;
        }

        if (absent.Count > 0)
        {
            return GradientVocabulary.ZeroPopulation;
        }

        if (summary.Any(s => double.IsNaN(s.StandardError)))
        {
            return GradientVocabulary.NoStandardError;
        }

        return summary.All(s => s.StandardError == 0) ? GradientVocabulary.NoVariation : null;
    }

    /// <summary>Why the RII is left out (null when it is given): only positive values on a ratio scale have one.</summary>
    private static string? RiiReason(IndicatorMetadata? meta, double minValue, double intercept, double sii)
    {
        if (meta is null)
        {
            return GradientVocabulary.UnknownValueKind;
        }

        if (!meta.IsRatioScale)
        {
            return GradientVocabulary.NotRatioScale;
        }

        return minValue > 0 && intercept > 0 && intercept + sii > 0 ? null : GradientVocabulary.NonPositiveValues;
    }

    private static (Dictionary<string, SiiGroupResult> Slopes, Dictionary<string, string> Dropped) Slopes(List<SiiRecord> records, GradientSettings settings, bool rii)
    {
        if (records.Count == 0)
        {
            return ([], []);
        }

        var result = Sii.Calculate(records, new SiiOptions { Rii = rii, Repetitions = settings.Repetitions, Seed = settings.Seed, Confidence = [ConfidenceLevels.NinetyFive] });
        var dropped = result.DroppedGroups.ToDictionary(
            d => d.Group,
            d => d.Reason switch
            {
                SiiIncompleteReason.ZeroPopulation => GradientVocabulary.ZeroPopulation,
                SiiIncompleteReason.NoStandardError => GradientVocabulary.NoStandardError,
                _ => GradientVocabulary.MissingQuantile,
            },
            StringComparer.Ordinal);
        return (result.Groups.ToDictionary(x => x.Group, StringComparer.Ordinal), dropped);
    }

    private static IEnumerable<GradientBasis> Bases(Table deprivation, GradientSettings settings)
    {
        if (settings.Bases.Count > 0)
        {
            return settings.Bases;
        }

        var index = deprivation.Where((DeprivationColumns.Domain, "imd")).Strings(DeprivationColumns.IndexId);
        var indices = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < index.Length; i++)
        {
            indices.Add(index[i]!);
        }

        return indices.Select(x => new GradientBasis(x));
    }

    internal static int? VintageOf(Table deprivation, string indexId)
    {
        var first = Array.IndexOf(deprivation.Mask((DeprivationColumns.IndexId, indexId)), true);
        return first < 0 ? null : deprivation.Primitive<int>(DeprivationColumns.LsoaVintage)[first];
    }

    private static List<GradientSeries> SeriesOf(
        Table lsoaIndicators, int vintage, GradientSettings settings, Dictionary<(string, string, string), Dictionary<string, (double, double)>>? counts)
    {
        var code = lsoaIndicators.Strings(LsoaIndicatorsColumns.LsoaCode);
        var ofVintage = lsoaIndicators.Mask((LsoaIndicatorsColumns.LsoaVintage, vintage));
        var inherited = settings.IncludeInherited ? null : lsoaIndicators.Mask((LsoaIndicatorsColumns.Method, "inherited"));
        var source = lsoaIndicators.Strings(LsoaIndicatorsColumns.SourceId);
        var indicator = lsoaIndicators.Strings(LsoaIndicatorsColumns.IndicatorId);
        var period = lsoaIndicators.Strings(LsoaIndicatorsColumns.Period);
        var value = lsoaIndicators.Primitive<double>(LsoaIndicatorsColumns.Value);
        var series = new Dictionary<(string, string, string), GradientSeries>();
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

                s = new GradientSeries(key.Item1, key.Item2, key.Item3, new Dictionary<string, double>(StringComparer.Ordinal))
                {
                    Counts = counts?.GetValueOrDefault(key),
                };
                series[key] = s;
            }

            s.Values[code[i]!] = x;
        }

        return [.. series.Values.OrderBy(s => s.SourceId, StringComparer.Ordinal).ThenBy(s => s.IndicatorId, StringComparer.Ordinal).ThenBy(s => s.Period, StringComparer.Ordinal)];
    }

    /// <summary>Counts and denominators published per LSOA (persons), by series.</summary>
    private static Dictionary<(string, string, string), Dictionary<string, (double, double)>> LsoaCounts(Table indicators)
    {
        var result = new Dictionary<(string, string, string), Dictionary<string, (double, double)>>();
        if (!indicators.Contains(IndicatorsColumns.Count) || !indicators.Contains(IndicatorsColumns.Denominator))
        {
            return result;
        }

        var lsoa = indicators.Mask((IndicatorsColumns.AreaType, "lsoa"));
        var persons = indicators.MaskAnyOf(IndicatorsColumns.Sex, [CellValue.Null, "Persons"]);
        var count = indicators.Primitive<double>(IndicatorsColumns.Count);
        var denominator = indicators.Primitive<double>(IndicatorsColumns.Denominator);
        for (var i = 0; i < indicators.RowCount; i++)
        {
            if (!lsoa[i] || !persons[i] || count[i] is not { } c || denominator[i] is not { } d)
            {
                continue;
            }

            var key = (indicators.Strings(IndicatorsColumns.SourceId)[i]!, indicators.Strings(IndicatorsColumns.IndicatorId)[i]!, indicators.Strings(IndicatorsColumns.Period)[i]!);
            if (!result.TryGetValue(key, out var map))
            {
                map = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
                result[key] = map;
            }

            map[indicators.Strings(IndicatorsColumns.AreaCode)[i]!] = (c, d);
        }

        return result;
    }

    private static double? N(double v) => double.IsNaN(v) ? null : v;
}
