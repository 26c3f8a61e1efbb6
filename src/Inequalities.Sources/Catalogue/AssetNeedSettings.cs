namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The <c>asset_need:</c> section of <c>data-sources.yml</c>: how need is scored, what counts as nearby, where the
/// quadrant thresholds sit and which areas are summarised. Every field has a default, so a catalogue without the
/// section works.
/// </summary>
public sealed record AssetNeedSettings
{
    private IReadOnlyList<double> _nearby = [800, 1600];

    /// <summary>The inputs of the need score.</summary>
    /// <value>The default value is empty: the Index of Multiple Deprivation of the newest LSOA 2021 index
    /// (<c>iod2025</c> when present), or of an LSOA 2011 index converted to 2021.</value>
    public IReadOnlyList<NeedComponentSettings> Need { get; init; } = [];

    /// <summary>
    /// The distance from an LSOA's centre within which an asset counts as nearby, in metres: the first of
    /// <see cref="NearbyDistances"/> (<c>asset_need.assets_nearby</c>). Setting it makes it the only distance.
    /// </summary>
    /// <value>The default value is 800 (about a 10-minute walk).</value>
    public double NearbyMetres
    {
        get => _nearby[0];
        init => NearbyDistances = [value];
    }

    /// <summary>
    /// The walking distances from an LSOA's centre at which nearby assets are counted, in metres, shortest first
    /// (<c>asset_access</c> has one row per distance; <c>asset_need.assets_nearby</c> uses the first).
    /// </summary>
    /// <value>The default value is [800, 1600] (about 10 and 20 minutes' walk).</value>
    /// <exception cref="ArgumentException">The list is empty, or a distance is not above 0 and at most 50 km.</exception>
    public IReadOnlyList<double> NearbyDistances
    {
        get => _nearby;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0 || value.Any(d => !(d > 0 && d <= 50_000)))
            {
                throw new ArgumentException("nearby distances must be a non-empty list of metres above 0 and at most 50,000", nameof(value));
            }

            _nearby = [.. value.Distinct().Order()];
        }
    }

    /// <summary>Need deciles up to and including this one are high need (1 = the 10% with most need).</summary>
    /// <value>The default value is 3 (the 30% of LSOAs with most need nationally).</value>
    public int HighNeedDecile { get; init; } = 3;

    /// <summary>LSOAs whose assets per 10,000 residents are at or below this quantile of the study area are low-asset.</summary>
    /// <value>The default value is 0.3 (the lowest 30% of LSOAs by asset density).</value>
    public double LowAssetQuantile { get; init; } = 0.3;

    /// <summary>The area types <c>asset_need_summary</c> has rows for: <c>lad</c>, <c>combined_authority</c>, <c>region</c>, <c>study_area</c>.</summary>
    /// <value>The default value is <c>[lad, combined_authority]</c>.</value>
    public IReadOnlyList<string> SummaryAreas { get; init; } = ["lad", "combined_authority"];

    /// <summary>GSS codes (LSOAs, districts, combined authorities or regions) the asset tables cover.</summary>
    /// <value>The default value is empty: every LSOA of the 2021 geography.</value>
    public IReadOnlyList<string> StudyArea { get; init; } = [];

    /// <summary>The area types <see cref="SummaryAreas"/> may name.</summary>
    public static IReadOnlyList<string> AreaTypes { get; } = ["lad", "combined_authority", "region", "study_area"];
}

/// <summary>One input of the need score: an index domain or an indicator, with its weight.</summary>
public sealed record NeedComponentSettings
{
    /// <summary>The index id of a deprivation source (e.g. <c>iod2025</c>, <c>cni2023</c>); null for an indicator.</summary>
    public string? Index { get; init; }

    /// <summary>The index domain.</summary>
    /// <value>The default value is <c>imd</c>.</value>
    public string Domain { get; init; } = "imd";

    /// <summary><c>score</c> or <c>rank</c>; which measure of the domain to rank.</summary>
    /// <value>The default value is null: the score where the index has one, else the rank.</value>
    public string? Measure { get; init; }

    /// <summary>The indicator id (as in the <c>indicators</c> table); null for an index domain.</summary>
    public string? Indicator { get; init; }

    /// <summary>The source id the indicator comes from, when several sources have one of that id.</summary>
    public string? Source { get; init; }

    /// <summary>The indicator period; null for the latest.</summary>
    public string? Period { get; init; }

    /// <summary>The component's weight in the sum.</summary>
    /// <value>The default value is 1.</value>
    public double Weight { get; init; } = 1;

    /// <summary>Whether a larger value means more need.</summary>
    /// <value>The default value is true (for an index, ranks are handled either way: rank 1 is the most deprived).</value>
    public bool HigherIsNeed { get; init; } = true;

    /// <summary>A label for messages and provenance (e.g. <c>iod2025.imd</c>, <c>indicator loneliness_percent</c>).</summary>
    public string Label => Index is not null ? $"{Index}.{Domain}" : $"indicator {Indicator}";
}
