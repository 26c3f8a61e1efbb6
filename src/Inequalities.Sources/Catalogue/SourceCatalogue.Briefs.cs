namespace Inequalities.Sources.Catalogue;

/// <content>The <c>briefs:</c> section (read by <see cref="Reading.BriefsReader"/>).</content>
public sealed partial class SourceCatalogue
{
    /// <summary>The briefings the worker writes after each refresh (the <c>briefs:</c> section; defaults when absent).</summary>
    public BriefSettings Briefs { get; internal init; } = new();
}
