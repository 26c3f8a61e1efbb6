namespace Inequalities.Sources.Catalogue;

/// <summary>A format a briefing is written in.</summary>
public enum BriefFormat
{
    /// <summary>One self-contained HTML page (images embedded as data URIs, no scripts).</summary>
    Html,

    /// <summary>The same page printed to PDF (A4) by a headless Chromium.</summary>
    Pdf,
}

/// <summary>
/// The <c>briefs:</c> section of <c>data-sources.yml</c>: the areas the worker writes a commissioner's briefing for
/// after each refresh, into the snapshot's <c>briefs/</c> folder, and in which formats. Every field has a default, so a
/// catalogue without the section writes the default briefings.
/// </summary>
public sealed record BriefSettings
{
    /// <summary>The six Liverpool City Region districts, the combined authority and England.</summary>
    public static IReadOnlyList<string> DefaultAreas { get; } =
        ["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015", "E47000004", "E92000001"];

    /// <summary>The areas (district, combined authority, or E92000001 for England), in order.</summary>
    /// <value>The default value is <see cref="DefaultAreas"/>; an empty list (<c>areas: []</c>) writes no briefing.</value>
    public IReadOnlyList<string> Areas { get; init; } = DefaultAreas;

    /// <summary>The formats each area's briefing is written in.</summary>
    /// <value>The default value is HTML and PDF.</value>
    public IReadOnlyList<BriefFormat> Formats { get; init; } = [BriefFormat.Html, BriefFormat.Pdf];

    /// <summary>
    /// The Chromium (or Chrome) executable that prints the PDFs; null searches the usual places (see the README's
    /// Briefings section).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Browser { get; init; }

    /// <summary>Whether the section asks for any briefing at all.</summary>
    public bool Enabled => Areas.Count > 0 && Formats.Count > 0;
}
