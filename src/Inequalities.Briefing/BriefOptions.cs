namespace Inequalities.Briefing;

/// <summary>Options of <see cref="Briefings"/>.</summary>
public sealed record BriefOptions
{
    /// <summary>
    /// The Chromium or Chrome executable that prints PDFs. Null: the <c>INEQUALITIES_BROWSER</c> environment variable,
    /// then <c>/usr/bin/chromium</c>, <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> and
    /// <c>google-chrome-stable</c> on the PATH (see <see cref="BrowserLocator"/>). No browser is ever downloaded.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? BrowserPath { get; init; }

    /// <summary>How long the browser may take to print one PDF before it is stopped.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan PdfTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many high-need, low-asset neighbourhoods the page lists (the rest are counted).</summary>
    /// <value>The default value is 30.</value>
    public int MaxPriorityNeighbourhoods { get; init; } = 30;

    /// <summary>The share of an area's neighbourhoods the boundary files must cover for the need map to be drawn.</summary>
    /// <value>The default value is 0.9.</value>
    public double MinimumMapCoverage { get; init; } = 0.9;
}
