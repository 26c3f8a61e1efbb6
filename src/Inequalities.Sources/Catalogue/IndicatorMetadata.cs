using System.Text.RegularExpressions;

namespace Inequalities.Sources.Catalogue;

/// <summary>Which direction of an indicator is worse.</summary>
public enum IndicatorPolarity
{
    /// <summary>Higher values are worse (mortality, ill health, deprivation, distance to services).</summary>
    HigherIsWorse,

    /// <summary>Higher values are better (life expectancy, the ONS Health Index, a rank where 1 is the most deprived).</summary>
    HigherIsBetter,

    /// <summary>Neither direction is worse (a count of residents, a neutral characteristic).</summary>
    Neither,
}

/// <summary>What an indicator's values are; decides whether a ratio of two values means anything.</summary>
public enum IndicatorValueKind
{
    /// <summary>Events per population (crude or standardised), e.g. per 1,000 or per 100,000. Ratio scale.</summary>
    Rate,

    /// <summary>A share of a population (0–1, or a percentage with <c>multiplier: 100</c>). Ratio scale.</summary>
    Proportion,

    /// <summary>A positive ratio such as a standardised ratio (100 = England) or a concentration over a limit value. Ratio scale.</summary>
    Ratio,

    /// <summary>A number of people or events. Ratio scale.</summary>
    Count,

    /// <summary>A physical amount with a true zero: years, kilometres, money. Ratio scale.</summary>
    Quantity,

    /// <summary>A composite or standardised score, possibly centred on zero (a z-score, an index). Not a ratio scale.</summary>
    Score,

    /// <summary>A rank, decile or average of ranks. Not a ratio scale.</summary>
    Rank,
}

/// <summary>What an indicator measures: which way is worse, what kind of value it is, its unit.</summary>
public sealed record IndicatorMetadata
{
    /// <summary>Which direction is worse.</summary>
    public required IndicatorPolarity Polarity { get; init; }

    /// <summary>The kind of value.</summary>
    public required IndicatorValueKind ValueKind { get; init; }

    /// <summary>The unit in words, e.g. <c>per 100,000 (directly age-standardised)</c>, <c>years</c>, <c>percent</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>The scale of a rate or proportion: value = count / denominator × <c>Multiplier</c> (100 for a percentage).</summary>
    /// <value>The default value is null (1 when counts are used).</value>
    public double? Multiplier { get; init; }

    /// <summary>1-based line of the metadata in the catalogue file, for messages.</summary>
    public int Line { get; init; }

    /// <summary>Whether a ratio of two values means something (rates, proportions, ratios, counts, quantities), so an RII may be given.</summary>
    public bool IsRatioScale => ValueKind is not (IndicatorValueKind.Score or IndicatorValueKind.Rank);

    /// <summary>The polarity as the catalogue and the lake write it (<c>higher_is_worse</c> ...).</summary>
    public string PolarityName => Naming.ToSnake(Polarity.ToString());

    /// <summary>The value kind as the catalogue and the lake write it (<c>rate</c> ...).</summary>
    public string ValueKindName => Naming.ToSnake(ValueKind.ToString());
}

/// <summary>
/// The indicator metadata of one catalogue source: a default for every indicator (<c>indicator:</c>) and entries per
/// indicator id or <c>*</c> pattern (<c>indicators:</c>). An exact id wins, then the first matching pattern in file
/// order, then the default.
/// </summary>
public sealed record IndicatorMetadataSet
{
    /// <summary>The metadata of every indicator the entries do not name; null when the source gives none.</summary>
    public IndicatorMetadata? Default { get; init; }

    /// <summary>Indicator id (or pattern with <c>*</c>) to its metadata, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, IndicatorMetadata>> Entries { get; init; } = [];

    /// <summary>The metadata of an indicator, or null when neither an entry nor the default covers it.</summary>
    /// <param name="indicatorId">The indicator id as in the lake.</param>
    public IndicatorMetadata? For(string indicatorId)
    {
        ArgumentNullException.ThrowIfNull(indicatorId);
        foreach (var (key, metadata) in Entries)
        {
            if (key == indicatorId)
            {
                return metadata;
            }
        }

        foreach (var (key, metadata) in Entries)
        {
            if (key.Contains('*', StringComparison.Ordinal) && Matches(key, indicatorId))
            {
                return metadata;
            }
        }

        return Default;
    }

    /// <summary>Whether a <c>*</c> pattern (any run of characters) matches an id.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="id">The id.</param>
    public static bool Matches(string pattern, string id)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(id);
        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(id, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
