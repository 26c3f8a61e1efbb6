using Inequalities.Charts;

namespace Inequalities.Briefing;

/// <summary>
/// A commissioner's briefing for one area, as a typed model: the ranked headline sentences with their numbers, the
/// sections (gradient charts, need map, community assets against need, deprivation ranks) and the sources. Made by
/// <see cref="Briefings.BuildAsync(Lake.Snapshots.LakeSnapshot, string, BriefOptions?, CancellationToken)"/>; <see cref="ToHtml"/> renders it as one self-contained page.
/// </summary>
public sealed class Brief
{
    internal Brief(BriefArea area, BriefSnapshotInfo snapshot)
    {
        Area = area;
        Snapshot = snapshot;
    }

    /// <summary>The area the briefing is about.</summary>
    public BriefArea Area { get; }

    /// <summary>The snapshot the numbers come from.</summary>
    public BriefSnapshotInfo Snapshot { get; }

    /// <summary>The headline sentences, ranked (see <see cref="RankingRule"/>); findings first, then "no clear difference".</summary>
    public IReadOnlyList<Headline> Headlines { get; internal set; } = [];

    /// <summary>How <see cref="Headlines"/> are ranked, in words (printed on the page).</summary>
    public string RankingRule { get; internal set; } = string.Empty;

    /// <summary>Indicators the lake has for the area but no gradient for, with the lake's reason.</summary>
    public IReadOnlyList<MissingGradient> MissingGradients { get; internal set; } = [];

    /// <summary>The gradient charts of the (up to) three steepest findings.</summary>
    public IReadOnlyList<BriefFigure> GradientFigures { get; internal set; } = [];

    /// <summary>The need map, or null with <see cref="NeedMapMissing"/> saying why.</summary>
    public BriefFigure? NeedMap { get; internal set; }

    /// <summary>Why there is no need map, when there is none.</summary>
    public string? NeedMapMissing { get; internal set; }

    /// <summary>The neighbourhoods with the most need (up to ten), most first.</summary>
    public IReadOnlyList<Neighbourhood> HighestNeed { get; internal set; } = [];

    /// <summary>The asset-versus-need quadrant chart, or null with <see cref="AssetsMissing"/> saying why.</summary>
    public BriefFigure? AssetChart { get; internal set; }

    /// <summary>Why there is no asset-versus-need section, when there is none.</summary>
    public string? AssetsMissing { get; internal set; }

    /// <summary>The high-need, low-asset neighbourhoods, most need first (at most <see cref="BriefOptions.MaxPriorityNeighbourhoods"/>).</summary>
    public IReadOnlyList<Neighbourhood> Priority { get; internal set; } = [];

    /// <summary>How many high-need, low-asset neighbourhoods the area has in all, and how many people live in them.</summary>
    public (int Count, double Population) PriorityTotal { get; internal set; }

    /// <summary>
    /// The map of the high-need, low-asset neighbourhoods with the registered organisations as points; its table counts
    /// the organisations by category (<see cref="Organisations"/>). Null when the lake has no registers, or no boundaries
    /// for the area (<see cref="OrganisationsMissing"/> then says why).
    /// </summary>
    public BriefFigure? OrganisationMap { get; internal set; }

    /// <summary>
    /// The registered organisations based in the area, by category, most first: those of the lake's <c>assets</c> table
    /// that the asset-versus-need tables count in the area's neighbourhoods. Empty when the lake has no registers.
    /// </summary>
    public IReadOnlyList<OrganisationCount> Organisations { get; internal set; } = [];

    /// <summary>Why there is no organisation map, when the lake has registers but none could be drawn.</summary>
    public string? OrganisationsMissing { get; internal set; }

    /// <summary>The district-summary chart of the area's districts on IoD2019 and IoD2025, or null with <see cref="RanksMissing"/>.</summary>
    public BriefFigure? DistrictRanks { get; internal set; }

    /// <summary>Why there is no district-summary chart, when there is none.</summary>
    public string? RanksMissing { get; internal set; }

    /// <summary>Every source behind the tables the page reads, in manifest order.</summary>
    public IReadOnlyList<BriefSource> Sources { get; internal set; } = [];

    /// <summary>The page: one self-contained HTML document (images as data URIs, no scripts, print CSS for A4).</summary>
    public string ToHtml() => BriefHtml.Render(this);

    /// <inheritdoc />
    public override string ToString() => $"Briefing for {Area.Name} ({Area.Code}): {Headlines.Count} headlines";
}

/// <summary>The area of a briefing.</summary>
/// <param name="Code">Its GSS code.</param>
/// <param name="Name">Its name (e.g. Liverpool, Liverpool City Region, England).</param>
/// <param name="Kind"><c>district</c>, <c>combined authority</c> or <c>country</c>.</param>
/// <param name="Lsoas">Its neighbourhoods (LSOAs) in the lake, per LSOA vintage.</param>
public sealed record BriefArea(string Code, string Name, string Kind, IReadOnlyDictionary<int, int> Lsoas);

/// <summary>The snapshot a briefing reads.</summary>
/// <param name="Id">The snapshot id.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ToolVersion">The version of the tool that wrote it.</param>
/// <param name="Sample">Whether it was built from the generated sample mirror (not real data).</param>
public sealed record BriefSnapshotInfo(string Id, DateTimeOffset CreatedAt, string ToolVersion, bool Sample);

/// <summary>
/// One headline: an indicator's slope index of inequality in the area, with its interval, England's for the same
/// indicator, period, basis and method, and the sentence that says it.
/// </summary>
public sealed record Headline
{
    /// <summary>The position on the page (1 = first).</summary>
    public required int Rank { get; init; }

    /// <summary>The source of the indicator.</summary>
    public required string SourceId { get; init; }

    /// <summary>The indicator.</summary>
    public required string IndicatorId { get; init; }

    /// <summary>The indicator in words.</summary>
    public required string IndicatorName { get; init; }

    /// <summary>The period.</summary>
    public required string Period { get; init; }

    /// <summary>The deprivation basis, e.g. <c>iod2025/imd/national</c>.</summary>
    public required string Basis { get; init; }

    /// <summary>Deciles (10) or quintiles (5).</summary>
    public required int QuantileCount { get; init; }

    /// <summary>The gradient method: <c>quantile</c> (preferred) or <c>lsoa</c> (where the quantile method has no value).</summary>
    public required string Method { get; init; }

    /// <summary>The area's gradient row.</summary>
    public required GradientValue Area { get; init; }

    /// <summary>England's row for the same indicator, period, basis and method; null when the lake has none.</summary>
    public GradientValue? England { get; init; }

    /// <summary>Whether the area's 95% interval excludes zero: only then is the gradient stated as a finding.</summary>
    public bool IsFinding => Area.Lower > 0 || Area.Upper < 0;

    /// <summary>The lake's polarity (<c>higher_is_worse</c>, <c>higher_is_better</c>, <c>neither</c>), when the catalogue gives one.</summary>
    public string? Polarity { get; init; }

    /// <summary>Where the indicator is worse (<c>more_deprived</c>, <c>less_deprived</c>), when the lake says.</summary>
    public string? WorseIn { get; init; }

    /// <summary>The unit, from indicator_metadata.</summary>
    public string? Unit { get; init; }

    /// <summary>The area's |SII| over England's: how many times as steep (the ranking key); null without England.</summary>
    public double? TimesEngland { get; init; }

    /// <summary>How the area's gradient compares with England's.</summary>
    public EnglandComparison Comparison { get; init; }

    /// <summary>
    /// The numbers are shown in a frame: <c>most_minus_least</c> (the value in the most deprived neighbourhoods minus
    /// the least deprived: −SII) or <c>least_minus_most</c> (SII itself).
    /// </summary>
    public required string Frame { get; init; }

    /// <summary>The sentence, as parts: text, and numbers tagged with what they are.</summary>
    public required IReadOnlyList<SentencePart> Sentence { get; init; }

    /// <summary>The sentence as plain text.</summary>
    public string Text => string.Concat(Sentence.Select(p => p.Text));
}

/// <summary>A slope index of inequality with its 95% interval and standard error.</summary>
/// <param name="Sii">The slope index (least minus most deprived, OHID's sign).</param>
/// <param name="Lower">Its lower 95% limit.</param>
/// <param name="Upper">Its upper 95% limit.</param>
/// <param name="StandardError">Its standard error.</param>
public sealed record GradientValue(double Sii, double Lower, double Upper, double StandardError);

/// <summary>How an area's gradient compares with England's.</summary>
public enum EnglandComparison
{
    /// <summary>No England row to compare with (or the area is England).</summary>
    None,

    /// <summary>Steeper than England's: the difference's 95% interval excludes zero.</summary>
    Steeper,

    /// <summary>Less steep than England's: the difference's 95% interval excludes zero.</summary>
    LessSteep,

    /// <summary>Not clearly different: the difference's 95% interval includes zero.</summary>
    NotClearlyDifferent,

    /// <summary>England's gradient runs the other way (both intervals exclude zero, with opposite signs).</summary>
    OppositeDirection,
}

/// <summary>A piece of a headline sentence: text, or a number tagged with its field (e.g. <c>area-sii</c>, <c>england-lower</c>).</summary>
/// <param name="Text">The text as shown.</param>
/// <param name="Field">For a number: what it is; null for words.</param>
public sealed record SentencePart(string Text, string? Field = null);

/// <summary>An indicator with no gradient in the area, and why.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="IndicatorId">The indicator.</param>
/// <param name="IndicatorName">The indicator in words.</param>
/// <param name="Reason">The lake's reason (e.g. <c>missing_quantile</c>, <c>too_few_lsoas</c>), in words.</param>
public sealed record MissingGradient(string SourceId, string IndicatorId, string IndicatorName, string Reason);

/// <summary>A chart with its alternative text and the table of its numbers.</summary>
/// <param name="Heading">The figure's heading.</param>
/// <param name="Chart">The chart (its PNG is embedded).</param>
/// <param name="AltText">What the image shows, in words.</param>
/// <param name="Table">The chart's numbers.</param>
/// <param name="Notes">Notes printed under the table (method, basis, what is left out).</param>
public sealed record BriefFigure(string Heading, ChartResult Chart, string AltText, BriefTable Table, IReadOnlyList<string> Notes);

/// <summary>A table of a briefing: a caption, column headers and rows of text.</summary>
/// <param name="Caption">The caption.</param>
/// <param name="Columns">The column headers.</param>
/// <param name="Rows">The cells, row by row.</param>
public sealed record BriefTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A neighbourhood (LSOA) as the briefing lists it.</summary>
/// <param name="LsoaCode">The LSOA code.</param>
/// <param name="Name">The LSOA name.</param>
/// <param name="Ward">The electoral ward (null when the lake has no ward lookup).</param>
/// <param name="District">The district's name.</param>
/// <param name="Population">Residents.</param>
/// <param name="NeedScore">The need score (or the mapped deprivation score).</param>
/// <param name="NeedDecile">The national need decile (1 = most need), when known.</param>
/// <param name="AssetsPer10k">Community organisations per 10,000 residents, when known.</param>
/// <param name="AssetGap">How many organisations fewer than its residents and need predict (<c>asset_need.asset_gap</c>), when known.</param>
public sealed record Neighbourhood(
    string LsoaCode, string Name, string? Ward, string District, double? Population, double NeedScore, int? NeedDecile, double? AssetsPer10k, double? AssetGap);

/// <summary>The registered organisations of an area in one category.</summary>
/// <param name="Category">The lake's category, e.g. <c>housing</c>.</param>
/// <param name="Label">The category in words.</param>
/// <param name="Organisations">How many are based in the area.</param>
/// <param name="Per10k">Per 10,000 residents of the area.</param>
/// <param name="ResidentsNearby">Residents of the area's neighbourhoods with one within walking distance (<c>asset_category_summary.population_with_nearby</c>), when the lake has it for the area.</param>
public sealed record OrganisationCount(string Category, string Label, int Organisations, double Per10k, double? ResidentsNearby);

/// <summary>A source as the sources box lists it, from the snapshot's manifest.</summary>
/// <param name="Id">The catalogue id.</param>
/// <param name="Publisher">The publisher.</param>
/// <param name="Edition">The period or edition the catalogue gives.</param>
/// <param name="RetrievedAt">When the copy used was retrieved.</param>
/// <param name="Licence">The licence.</param>
/// <param name="Attribution">The attribution statement (null when the manifest has none).</param>
/// <param name="Url">Where it was read from.</param>
public sealed record BriefSource(string Id, string? Publisher, string? Edition, DateTimeOffset? RetrievedAt, string Licence, string? Attribution, string Url);
