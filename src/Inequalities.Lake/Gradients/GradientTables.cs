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
internal static partial class GradientTables
{
    public const string England = "E92000001";

    public static GradientOutput Build(
        Table areas, Table deprivation, Table lsoaIndicators, GradientSettings settings,
        IndicatorMetadataCatalogue? metadata = null, Table? indicators = null, IReadOnlyDictionary<int, VintageBridge>? bridges = null) =>
        Compute(Prepare(areas, deprivation, lsoaIndicators, settings, indicators, bridges), metadata);

    /// <summary>
    /// The gradient tables from <see cref="Prepare"/>'s inputs. Each basis and series is computed on its own (in parallel,
    /// one per core) and the rows are gathered in basis and series order, so the tables do not depend on the thread count.
    /// </summary>
    public static GradientOutput Compute(GradientInputs inputs, IndicatorMetadataCatalogue? metadata = null)
    {
        metadata ??= IndicatorMetadataCatalogue.Empty;
        var work = new List<(GradientBasisContext Context, GradientBasis Basis, GradientSeries Series, IndicatorMetadata? Meta)>();
        foreach (var (basis, indexVintage, vintage, bridge) in inputs.Bases)
        {
            var context = new GradientBasisContext(inputs.Index, inputs.Areas, inputs.Deprivation, basis, indexVintage, vintage, bridge);
            foreach (var s in inputs.SeriesByVintage[vintage])
            {
                work.Add((context, basis, s, metadata.For(s.Key.SourceId, s.Key.IndicatorId)));
            }
        }

        var results = new SeriesResult[work.Count];
        Parallel.For(
            0,
            work.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new AreaScratch(),
            (i, _, scratch) =>
            {
                var (context, basis, series, meta) = work[i];
                results[i] = ComputeSeries(context, basis, series, meta, inputs.Settings, scratch);
                return scratch;
            },
            _ => { });

        var q = new QuantileTableColumns();
        var g = new GradientTableColumns();
        var rows = new List<GradientRow>();
        for (var i = 0; i < results.Length; i++)
        {
            var (_, basis, series, meta) = work[i];
            foreach (var (area, type, value) in results[i].Quantiles)
            {
                q.Add(series.Key, area, type, basis, value);
            }

            foreach (var row in results[i].Rows)
            {
                rows.Add(row);
                g.Add(row, meta);
            }
        }

        return new GradientOutput(q.Build(), g.Build(), TrendTable.Build(rows));
    }

    /// <summary>One basis and series: its <c>inequality_quantiles</c> rows (area, type, quantile) and its gradient rows.</summary>
    private sealed record SeriesResult(List<(string Area, string Type, QuantileValue Value)> Quantiles, List<GradientRow> Rows);

    private static SeriesResult ComputeSeries(
        GradientBasisContext context, GradientBasis basis, GradientSeries series, IndicatorMetadata? meta, GradientSettings settings, AreaScratch scratch)
    {
        var quantileRows = new List<(string Area, string Type, QuantileValue Value)>();
        var countOptions = series.Counts is not null && meta?.ValueKind is IndicatorValueKind.Proportion or IndicatorValueKind.Rate
            ? new SmallQuantileOptions { Counts = meta.ValueKind == IndicatorValueKind.Rate ? CountScale.Rate : CountScale.Proportion, Multiplier = meta.Multiplier ?? 1 }
            : null;
        var records = new List<SiiRecord>();
        var pending = new List<(string Area, string Type, QuantileValue[] Summary, string? Reason, LsoaGradientResult Lsoa, double MinValue)>();
        foreach (var area in context.Areas)
        {
            var members = area.Members;
            var n = members.Length;
            scratch.Ensure(n);
            var quantiles = scratch.Quantiles.AsSpan(0, n);
            var values = scratch.Values.AsSpan(0, n);
            var populations = scratch.Populations.AsSpan(0, n);
            var ranks = scratch.Ranks.AsSpan(0, n);
            var count = countOptions is null ? [] : scratch.Counts.AsSpan(0, n);
            var denominator = countOptions is null ? [] : scratch.Denominators.AsSpan(0, n);
            var withValue = new int[basis.Quantiles + 1];
            var local = basis.Ranking == QuantileRanking.Local ? context.LocalQuantiles(area) : null;
            var minValue = double.PositiveInfinity;
            var any = false;
            for (var i = 0; i < n; i++)
            {
                var lsoa = members[i];
                quantiles[i] = local is null ? context.NationalQuantile(lsoa) : local[i];
                values[i] = series.Value(lsoa);
                populations[i] = context.Population(lsoa);
                ranks[i] = context.Rank(lsoa);
                if (countOptions is not null)
                {
                    (count[i], denominator[i]) = series.Count(lsoa);
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
                quantileRows.Add((area.Code, area.Type, s));
            }

            var reason = QuantileReason(summary, withValue, basis.Quantiles);
            if (reason is null)
            {
                records.AddRange(summary.Select(s => new SiiRecord(area.Code, s.Quantile, s.Population, s.Value) { StandardError = s.StandardError }));
            }

            pending.Add((area.Code, area.Type, summary, reason, LsoaGradient.Fit(ranks, values, populations), minValue));
        }

        // The RII is simulated where Fieller's closed form does not hold: ask for it only where it will be kept.
        var (slopes, dropped) = Slopes(records, settings, rii: meta?.IsRatioScale == true);
        var rows = new List<GradientRow>(2 * pending.Count);
        foreach (var (area, type, summary, reason, lsoa, minValue) in pending)
        {
            rows.Add(QuantileRow(series.Key, area, type, basis, context.Vintage, summary, reason ?? dropped.GetValueOrDefault(area), slopes.GetValueOrDefault(area), meta, settings));
            rows.Add(LsoaRow(series.Key, area, type, basis, context.Vintage, lsoa, meta, minValue));
        }

        return new SeriesResult(quantileRows, rows);
    }

    internal static GradientRow QuantileRow(
        SeriesKey series, string area, string type, GradientBasis basis, int vintage, QuantileValue[] summary, string? reason,
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

    internal static GradientRow LsoaRow(
        SeriesKey series, string area, string type, GradientBasis basis, int vintage, LsoaGradientResult fit, IndicatorMetadata? meta, double minValue)
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
    internal static string? QuantileReason(QuantileValue[] summary, int[] withValue, int quantileCount)
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

    internal static (Dictionary<string, SiiGroupResult> Slopes, Dictionary<string, string> Dropped) Slopes(List<SiiRecord> records, GradientSettings settings, bool rii)
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

    internal static IEnumerable<GradientBasis> Bases(Table deprivation, GradientSettings settings)
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

    /// <summary>Per-area work arrays, reused across areas and series (each area's are copied out by the core before the next).</summary>
    private sealed class AreaScratch
    {
        public int[] Quantiles { get; private set; } = [];

        public double[] Values { get; private set; } = [];

        public double[] Populations { get; private set; } = [];

        public double[] Ranks { get; private set; } = [];

        public double[] Counts { get; private set; } = [];

        public double[] Denominators { get; private set; } = [];

        public void Ensure(int n)
        {
            if (Quantiles.Length >= n)
            {
                return;
            }

            Quantiles = new int[n];
            Values = new double[n];
            Populations = new double[n];
            Ranks = new double[n];
            Counts = new double[n];
            Denominators = new double[n];
        }
    }

    private static double? N(double v) => double.IsNaN(v) ? null : v;
}
