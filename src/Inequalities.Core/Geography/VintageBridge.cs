namespace Inequalities.Core.Geography;

/// <summary>How a value reached an LSOA of the target vintage.</summary>
public enum ConversionMethod
{
    /// <summary>The area is unchanged (U): the value is copied one to one.</summary>
    Direct,

    /// <summary>The source area was split (S): counts are shared out, rates and scores copied.</summary>
    Split,

    /// <summary>Several source areas were merged (M): counts summed, rates population-weighted.</summary>
    Merged,

    /// <summary>A complex redesign (X): apportioned by the lookup's best fit (population shares of each pair).</summary>
    Complex,
}

/// <summary>Whether values add up across areas (counts) or are averaged (rates, scores, percentages).</summary>
public enum ValueKind
{
    /// <summary>Rates, scores, percentages, means: copied on a split, population-weighted on a merge.</summary>
    Rate,

    /// <summary>Counts (people, events): shared out on a split, summed on a merge; totals are conserved.</summary>
    Count,
}

/// <summary>
/// Moves LSOA values between vintages (2011 and 2021) with the ONS lookup's change codes. Built once from the lookup's
/// pairs; every source area's value reaches its target areas with weights that sum to one per source area (counts:
/// totals are conserved exactly up to floating-point rounding) and a method per target.
/// </summary>
/// <remarks>
/// Weights: a source area with one target passes its whole value; one split between several targets shares it by the
/// targets' populations where the target vintage has a population for every one of them, otherwise equally. A target
/// with several sources is a merge: rates are averaged weighted by the part of each source's population it receives.
/// </remarks>
public sealed class VintageBridge
{
    private readonly Dictionary<string, int> _sourceIndex;
    private readonly int[] _pairSource;
    private readonly int[] _pairTarget;
    private readonly double[] _pairShare;
    private readonly double[] _pairPopulation;

    private VintageBridge(string[] sources, string[] targets, ConversionMethod[] methods, int[] pairSource, int[] pairTarget, double[] pairShare, double[] pairPopulation, bool populationWeighted)
    {
        Sources = sources;
        Targets = targets;
        Methods = methods;
        _pairSource = pairSource;
        _pairTarget = pairTarget;
        _pairShare = pairShare;
        _pairPopulation = pairPopulation;
        PopulationWeighted = populationWeighted;
        _sourceIndex = new Dictionary<string, int>(sources.Length, StringComparer.Ordinal);
        for (var i = 0; i < sources.Length; i++)
        {
            _sourceIndex[sources[i]] = i;
        }
    }

    /// <summary>The source-vintage codes, in first-seen order.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The target-vintage codes, in first-seen order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>How each target (same order as <see cref="Targets"/>) receives its value.</summary>
    public IReadOnlyList<ConversionMethod> Methods { get; }

    /// <summary>Whether splits were shared by target population (true) or equally (false).</summary>
    public bool PopulationWeighted { get; }

    /// <summary>
    /// Builds the bridge from the lookup's pairs (one row per source–target pair, as ONS publishes it).
    /// </summary>
    /// <param name="sourceCodes">Source-vintage code of each pair.</param>
    /// <param name="targetCodes">Target-vintage code of each pair.</param>
    /// <param name="changeCodes">The pair's change code (U, S, M, X), as published for the direction 2011 to 2021.</param>
    /// <param name="targetPopulation">Population of target areas, used to share splits; null to share equally.</param>
    /// <param name="sourcePopulation">Population of source areas, used to weight rates on merges; null to weight equally.</param>
    /// <exception cref="ArgumentException">The arrays differ in length, a pair repeats, or a change code is unknown.</exception>
    public static VintageBridge Build(
        IReadOnlyList<string> sourceCodes,
        IReadOnlyList<string> targetCodes,
        IReadOnlyList<string>? changeCodes,
        IReadOnlyDictionary<string, double>? targetPopulation,
        IReadOnlyDictionary<string, double>? sourcePopulation)
    {
        ArgumentNullException.ThrowIfNull(sourceCodes);
        ArgumentNullException.ThrowIfNull(targetCodes);
        if (sourceCodes.Count != targetCodes.Count || (changeCodes is not null && changeCodes.Count != sourceCodes.Count))
        {
            throw new ArgumentException("The source, target and change-code columns of a lookup must have the same length.", nameof(targetCodes));
        }

        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new HashSet<(int, int)>();
        var n = sourceCodes.Count;
        var pairSource = new int[n];
        var pairTarget = new int[n];
        var complex = new HashSet<int>();
        for (var i = 0; i < n; i++)
        {
            var s = Id(sources, sourceCodes[i]);
            var t = Id(targets, targetCodes[i]);
            if (!pairs.Add((s, t)))
            {
                throw new ArgumentException($"The lookup lists the pair {sourceCodes[i]} -> {targetCodes[i]} twice (row {i + 1}).", nameof(sourceCodes));
            }

            pairSource[i] = s;
            pairTarget[i] = t;
            var change = changeCodes?[i];
            if (change is not (null or "U" or "S" or "M" or "X"))
            {
                throw new ArgumentException($"Row {i + 1} of the lookup has change code '{change}'; expected U, S, M or X.", nameof(changeCodes));
            }

            if (change == "X")
            {
                complex.Add(t);
            }
        }

        var targetsPerSource = new int[sources.Count];
        var sourcesPerTarget = new int[targets.Count];
        for (var i = 0; i < n; i++)
        {
            targetsPerSource[pairSource[i]]++;
            sourcesPerTarget[pairTarget[i]]++;
        }

        var targetNames = Names(targets);
        var sourceNames = Names(sources);
        var populationWeighted = targetPopulation is not null && targetNames.All(targetPopulation.ContainsKey);

        // Share of each source's value that each of its pairs carries: by target population, else equal.
        var childPopulationSum = new double[sources.Count];
        if (populationWeighted)
        {
            for (var i = 0; i < n; i++)
            {
                childPopulationSum[pairSource[i]] += targetPopulation![targetNames[pairTarget[i]]];
            }
        }

        var share = new double[n];
        var pairPopulation = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = pairSource[i];
            share[i] = populationWeighted && childPopulationSum[s] > 0
                ? targetPopulation![targetNames[pairTarget[i]]] / childPopulationSum[s]
                : 1.0 / targetsPerSource[s];
            var sourcePop = sourcePopulation is not null && sourcePopulation.TryGetValue(sourceNames[s], out var p) ? p : 1.0;
            pairPopulation[i] = sourcePop * share[i];
        }

        var methods = new ConversionMethod[targets.Count];
        for (var i = 0; i < n; i++)
        {
            var t = pairTarget[i];
            methods[t] = complex.Contains(t)
                ? ConversionMethod.Complex
                : sourcesPerTarget[t] > 1
                    ? (targetsPerSource[pairSource[i]] > 1 ? ConversionMethod.Complex : ConversionMethod.Merged)
                    : targetsPerSource[pairSource[i]] > 1 ? ConversionMethod.Split : ConversionMethod.Direct;
        }

        return new VintageBridge(sourceNames, targetNames, methods, pairSource, pairTarget, share, pairPopulation, populationWeighted);
    }

    /// <summary>
    /// Converts values given for source areas. Targets none of whose sources has a value get NaN. For rates, a target
    /// with several sources takes the mean of those with values, weighted by the population each contributes.
    /// </summary>
    /// <param name="values">Source code to value (NaN or absent = missing).</param>
    /// <param name="kind">Counts are shared and summed; rates are copied and averaged.</param>
    /// <returns>Values aligned with <see cref="Targets"/>.</returns>
    public double[] Convert(IReadOnlyDictionary<string, double> values, ValueKind kind)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sourceValues = new double[Sources.Count];
        for (var s = 0; s < sourceValues.Length; s++)
        {
            sourceValues[s] = values.TryGetValue(Sources[s], out var v) ? v : double.NaN;
        }

        return Convert(sourceValues, kind);
    }

    /// <summary>Converts values aligned with <see cref="Sources"/> (NaN = missing).</summary>
    /// <param name="sourceValues">One value per source area, in <see cref="Sources"/> order.</param>
    /// <param name="kind">Counts are shared and summed; rates are copied and averaged.</param>
    /// <returns>Values aligned with <see cref="Targets"/>.</returns>
    public double[] Convert(ReadOnlySpan<double> sourceValues, ValueKind kind)
    {
        if (sourceValues.Length != Sources.Count)
        {
            throw new ArgumentException($"Expected {Sources.Count} source values, got {sourceValues.Length}.", nameof(sourceValues));
        }

        var sum = new double[Targets.Count];
        var weight = new double[Targets.Count];
        for (var i = 0; i < _pairSource.Length; i++)
        {
            var v = sourceValues[_pairSource[i]];
            if (double.IsNaN(v))
            {
                continue;
            }

            var t = _pairTarget[i];
            if (kind == ValueKind.Count)
            {
                sum[t] += v * _pairShare[i];
                weight[t] = 1;
            }
            else
            {
                sum[t] += v * _pairPopulation[i];
                weight[t] += _pairPopulation[i];
            }
        }

        for (var t = 0; t < sum.Length; t++)
        {
            sum[t] = weight[t] > 0 ? (kind == ValueKind.Count ? sum[t] : sum[t] / weight[t]) : double.NaN;
        }

        return sum;
    }

    /// <summary>Whether a code is a source area of this bridge.</summary>
    /// <param name="code">The code.</param>
    public bool IsSource(string code) => _sourceIndex.ContainsKey(code);

    /// <summary>The bridge in the other direction (2021 to 2011), with the populations swapped.</summary>
    /// <param name="sourceCodes">The original lookup's source codes.</param>
    /// <param name="targetCodes">The original lookup's target codes.</param>
    /// <param name="changeCodes">The original change codes.</param>
    /// <param name="targetPopulation">Population of the new targets (the original sources).</param>
    /// <param name="sourcePopulation">Population of the new sources (the original targets).</param>
    public static VintageBridge BuildReverse(
        IReadOnlyList<string> sourceCodes,
        IReadOnlyList<string> targetCodes,
        IReadOnlyList<string>? changeCodes,
        IReadOnlyDictionary<string, double>? targetPopulation,
        IReadOnlyDictionary<string, double>? sourcePopulation)
    {
        // Methods follow from how many pairs each area is in, so the change codes need no swapping; X stays X.
        return Build(targetCodes, sourceCodes, changeCodes, targetPopulation, sourcePopulation);
    }

    private static int Id(Dictionary<string, int> ids, string code)
    {
        if (!ids.TryGetValue(code, out var id))
        {
            id = ids.Count;
            ids[code] = id;
        }

        return id;
    }

    private static string[] Names(Dictionary<string, int> ids)
    {
        var names = new string[ids.Count];
        foreach (var (code, id) in ids)
        {
            names[id] = code;
        }

        return names;
    }
}
