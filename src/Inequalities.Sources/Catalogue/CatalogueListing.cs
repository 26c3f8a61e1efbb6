using System.Globalization;
using System.Text;

namespace Inequalities.Sources.Catalogue;

/// <summary>One source as <c>inequalities catalogue show</c> lists it.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Publisher">Who publishes it.</param>
/// <param name="Edition">The period or edition (the entry's <c>period</c>), when stated.</param>
/// <param name="Schedule">The cron expression it follows.</param>
/// <param name="DefaultSchedule">Whether that is the catalogue's default schedule.</param>
/// <param name="Enabled">Whether a refresh includes it.</param>
/// <param name="Url">Where it is read from, as written.</param>
public sealed record CatalogueListingRow(string Id, SourceKind Kind, string Publisher, string? Edition, string Schedule, bool DefaultSchedule, bool Enabled, string Url);

/// <summary>
/// The sources of a catalogue as <c>inequalities catalogue show</c> lists them: where the catalogue came from, its
/// defaults and a row per source (as JSON with the lake's snake_case options, or as text with <see cref="ToText"/>).
/// </summary>
/// <param name="Catalogue">Where the catalogue came from.</param>
/// <param name="Defaults">Its defaults.</param>
/// <param name="Sources">A row per source, in file order.</param>
public sealed record CatalogueListing(CatalogueOrigin Catalogue, CatalogueDefaults Defaults, IReadOnlyList<CatalogueListingRow> Sources)
{
    private const int PublisherWidth = 48;

    /// <summary>The listing of a catalogue.</summary>
    /// <param name="catalogue">The catalogue.</param>
    public static CatalogueListing Of(SourceCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var rows = catalogue.Sources.Select(s => new CatalogueListingRow(
            s.Id,
            s.Kind,
            s.Publisher,
            s.Period,
            (s.Schedule ?? catalogue.Defaults.Schedule).Expression,
            s.Schedule is null,
            s.Enabled,
            s.Url)).ToList();
        return new CatalogueListing(catalogue.Origin, catalogue.Defaults, rows);
    }

    /// <summary>The listing as a text table: id, publisher (cut at 48 characters), edition, schedule, enabled.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("Catalogue: ").AppendLine(Catalogue.ToString());
        text.Append(CultureInfo.InvariantCulture, $"Schedule: {Defaults.Schedule} in {Defaults.TimeZone.Id}; {Sources.Count} sources, {Sources.Count(r => r.Enabled)} enabled").AppendLine();
        var widths = new[] { "id".Length, "publisher".Length, "edition".Length, "schedule".Length };
        foreach (var r in Sources)
        {
            widths[0] = Math.Max(widths[0], r.Id.Length);
            widths[1] = Math.Max(widths[1], Math.Min(PublisherWidth, r.Publisher.Length));
            widths[2] = Math.Max(widths[2], (r.Edition ?? "-").Length);
            widths[3] = Math.Max(widths[3], ScheduleText(r).Length);
        }

        text.Append(CultureInfo.InvariantCulture, $"{"id".PadRight(widths[0])}  {"publisher".PadRight(widths[1])}  {"edition".PadRight(widths[2])}  {"schedule".PadRight(widths[3])}  enabled").AppendLine();
        foreach (var r in Sources)
        {
            var publisher = r.Publisher.Length > PublisherWidth ? r.Publisher[..(PublisherWidth - 1)] + "…" : r.Publisher;
            text.Append(CultureInfo.InvariantCulture, $"{r.Id.PadRight(widths[0])}  {publisher.PadRight(widths[1])}  {(r.Edition ?? "-").PadRight(widths[2])}  {ScheduleText(r).PadRight(widths[3])}  {(r.Enabled ? "yes" : "no")}").AppendLine();
        }

        return text.ToString();
    }

    private static string ScheduleText(CatalogueListingRow row) => row.Schedule + (row.DefaultSchedule ? " (default)" : string.Empty);
}
