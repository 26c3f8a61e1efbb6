namespace Inequalities.Briefing;

/// <summary>Renders a <see cref="Brief"/> as one self-contained, accessible HTML page (headings h1 → h2 → h3, alt text, tables under charts, print CSS).</summary>
internal static class BriefHtml
{
    public static string Render(Brief brief)
    {
        var w = new HtmlWriter().Doctype();
        w.Open("html", ("lang", "en-GB"));
        w.Open("head");
        w.Void("meta", ("charset", "utf-8"));
        w.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        w.Element("title", $"Health inequalities briefing: {brief.Area.Name}");
        w.Style(BriefStyles.Sheet);
        w.Close("head");
        w.Open("body");
        w.Open("main");

        Header(w, brief);
        HeadlineSection(w, brief);
        GradientSection(w, brief);
        NeedSection(w, brief);
        AssetSection(w, brief);
        RankSection(w, brief);
        SourceSection(w, brief);

        w.Close("main");
        w.Close("body");
        w.Close("html");
        return w.ToString();
    }

    private static void Header(HtmlWriter w, Brief brief)
    {
        w.Open("header");
        w.Element("h1", $"Health inequalities briefing: {brief.Area.Name}");
        w.Element("p", $"{Words.Capital(brief.Area.Kind)} {brief.Area.Code}. How steep the gradient of ill health is compared with England, where need is highest, and where community assets are thin relative to need.", ("class", "lede"));
        w.Element("p", $"From lake snapshot {brief.Snapshot.Id}, made on {Words.Date(brief.Snapshot.CreatedAt)} by Inequalities {brief.Snapshot.ToolVersion}. Sources are listed at the end.", ("class", "meta"));
        if (brief.Snapshot.Sample)
        {
            w.Element("p", "Sample data: this snapshot was built from the project's generated sample mirror, not from real data. Do not use its numbers.", ("class", "warning"), ("role", "note"));
        }

        w.Close("header");
    }

    private static void HeadlineSection(HtmlWriter w, Brief brief)
    {
        w.Open("section", ("id", "headlines"), ("aria-labelledby", "headlines-title"));
        w.Element("h2", "Headlines", ("id", "headlines-title"));
        w.Element("p", brief.RankingRule, ("class", "rule"));
        w.Open("ol", ("class", "headlines"));
        foreach (var h in brief.Headlines)
        {
            w.Open("li", ("class", h.IsFinding ? "finding" : "no-clear-difference"), ("data-source", h.SourceId), ("data-indicator", h.IndicatorId),
                ("data-period", h.Period), ("data-basis", h.Basis), ("data-quantiles", h.QuantileCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("data-method", h.Method), ("data-frame", h.Frame));
            w.Open("p", ("class", "sentence"));
            foreach (var part in h.Sentence)
            {
                if (part.Field is { } field)
                {
                    w.Element("span", part.Text, ("class", "num"), ("data-field", field));
                }
                else
                {
                    w.Text(part.Text);
                }
            }

            w.Close("p");
            w.Element("p", $"{Words.Basis(h.Basis, h.QuantileCount)}; {h.Period}; {(h.Method == "lsoa" ? "LSOA method (the quantile method has no value here)" : "quantile method")}." + (h.Unit is { } u ? $" Units: {u}." : string.Empty), ("class", "basis"));
            w.Close("li");
        }

        w.Close("ol");
        if (brief.MissingGradients.Count > 0)
        {
            w.Element("h3", "Indicators without a gradient here");
            w.Open("ul", ("class", "missing"));
            foreach (var m in brief.MissingGradients)
            {
                w.Element("li", $"{m.IndicatorName}: no slope index for {brief.Area.Name}, because {m.Reason}.");
            }

            w.Close("ul");
        }

        w.Element("p", Headlines.ChoiceRule, ("class", "footnote"));
        w.Close("section");
    }

    private static void GradientSection(HtmlWriter w, Brief brief)
    {
        w.Open("section", ("id", "gradients"), ("aria-labelledby", "gradients-title"));
        w.Element("h2", "The steepest gradients", ("id", "gradients-title"));
        if (brief.GradientFigures.Count == 0)
        {
            w.Element("p", $"No indicator has a gradient in {brief.Area.Name} whose 95% interval excludes zero, so no gradient chart is shown.", ("class", "missing"));
        }
        else if (brief.GradientFigures.Count < 3)
        {
            w.Element("p", $"Only {brief.GradientFigures.Count} indicator(s) have a clear gradient in {brief.Area.Name}; the others are listed under the headlines.", ("class", "missing"));
        }

        foreach (var figure in brief.GradientFigures)
        {
            Figure(w, figure);
        }

        w.Close("section");
    }

    private static void NeedSection(HtmlWriter w, Brief brief)
    {
        w.Open("section", ("id", "need"), ("aria-labelledby", "need-title"));
        w.Element("h2", "Where need is highest", ("id", "need-title"));
        if (brief.NeedMap is { } map)
        {
            Figure(w, map);
        }
        else
        {
            w.Element("p", brief.NeedMapMissing, ("class", "missing"));
        }

        if (brief.HighestNeed.Count > 0)
        {
            w.Open("div", ("class", "block"));
            Table(w, new BriefTable(
                $"The {brief.HighestNeed.Count} neighbourhoods of {brief.Area.Name} with the highest values",
                ["Neighbourhood", "Ward", "District", "Residents", "Value"],
                brief.HighestNeed.Select(n => (IReadOnlyList<string>)[n.Name, n.Ward ?? "not in the lake", n.District, n.Population is { } p ? Words.Whole(p) : "unknown", Words.Number(n.NeedScore)]).ToList()));
            w.Close("div");
        }

        w.Close("section");
    }

    private static void AssetSection(HtmlWriter w, Brief brief)
    {
        w.Open("section", ("id", "assets"), ("aria-labelledby", "assets-title"));
        w.Element("h2", "Where community assets are thin relative to need", ("id", "assets-title"));
        if (brief.AssetChart is not { } chart)
        {
            w.Element("p", brief.AssetsMissing, ("class", "missing"));
            w.Close("section");
            return;
        }

        Figure(w, chart);
        w.Element("h3", "High need, low assets: the neighbourhoods");
        var (count, people) = brief.PriorityTotal;
        w.Element("p", count == 0
            ? $"No neighbourhood of {brief.Area.Name} is both high need and low in assets."
            : $"{Words.Whole(count)} neighbourhoods of {brief.Area.Name} are high need with few community organisations, home to {Words.Whole(people)} people"
              + (brief.Priority.Count < count ? $"; the {brief.Priority.Count} with most need are listed." : "."));
        if (brief.Priority.Count > 0)
        {
            Table(w, new BriefTable(
                "High-need, low-asset neighbourhoods, most need first",
                ["Neighbourhood", "Ward", "District", "Residents", "Need decile", "Organisations per 10,000", "Fewer than predicted"],
                brief.Priority.Select(n => (IReadOnlyList<string>)[
                    n.Name, n.Ward ?? "not in the lake", n.District, n.Population is { } p ? Words.Whole(p) : "unknown",
                    n.NeedDecile is { } d ? Words.Whole(d) : "unknown", n.AssetsPer10k is { } a ? Words.Number(a) : "unknown", n.AssetGap is { } g ? Words.Number(g) : "unknown",
                ]).ToList()));
        }

        OrganisationBlock(w, brief);

        w.Close("section");
    }

    private static void OrganisationBlock(HtmlWriter w, Brief brief)
    {
        if (brief.OrganisationMap is { } map)
        {
            Figure(w, map);
            return;
        }

        if (brief.OrganisationsMissing is { } missing)
        {
            w.Element("p", missing, ("class", "missing"));
        }

        if (brief.Organisations.Count > 0)
        {
            Table(w, new BriefTable(
                $"Registered organisations in {brief.Area.Name}, by category",
                ["Category", "Organisations", "Per 10,000 residents"],
                brief.Organisations.Select(c => (IReadOnlyList<string>)[c.Label, Words.Whole(c.Organisations), Words.Number(c.Per10k)]).ToList()));
        }
    }

    private static void RankSection(HtmlWriter w, Brief brief)
    {
        w.Open("section", ("id", "ranks"), ("aria-labelledby", "ranks-title"));
        w.Element("h2", "Deprivation ranks: IoD2019 and IoD2025", ("id", "ranks-title"));
        if (brief.DistrictRanks is { } figure)
        {
            Figure(w, figure);
        }
        else
        {
            w.Element("p", brief.RanksMissing, ("class", "missing"));
        }

        w.Close("section");
    }

    private static void SourceSection(HtmlWriter w, Brief brief)
    {
        w.Open("section", ("id", "sources"), ("aria-labelledby", "sources-title"));
        w.Element("h2", "Sources", ("id", "sources-title"));
        w.Open("aside", ("class", "sources-box"), ("aria-label", "Sources and attribution"));
        w.Element("p", $"Every source behind the tables this page reads, from the manifest of snapshot {brief.Snapshot.Id}.");
        Table(w, new BriefTable(
            "Sources, editions, licences and attribution",
            ["Source", "Publisher", "Edition", "Retrieved", "Licence", "Attribution"],
            brief.Sources.Select(s => (IReadOnlyList<string>)[
                s.Id, s.Publisher ?? "not recorded", s.Edition ?? "not stated", s.RetrievedAt is { } r ? Words.Date(r) : "not recorded", s.Licence,
                s.Attribution ?? "The manifest gives no attribution statement; see the publisher's licence.",
            ]).ToList()));
        w.Close("aside");
        w.Close("section");
    }

    private static void Figure(HtmlWriter w, BriefFigure figure)
    {
        // A chart, its table and notes stay on one page in print.
        w.Open("div", ("class", "block"));
        w.Open("figure", ("class", "chart"));
        w.Element("h3", figure.Heading);
        w.Png(figure.Chart.ToPng(), figure.AltText, figure.Chart.Width, figure.Chart.Height);
        w.Element("figcaption", figure.Chart.Title.ReplaceLineEndings(" "));
        w.Close("figure");
        Table(w, figure.Table);
        foreach (var note in figure.Notes)
        {
            w.Element("p", note, ("class", "note"));
        }

        w.Close("div");
    }

    private static void Table(HtmlWriter w, BriefTable table)
    {
        w.Open("table");
        w.Element("caption", table.Caption);
        w.Open("thead");
        w.Open("tr");
        foreach (var column in table.Columns)
        {
            w.Element("th", column, ("scope", "col"));
        }

        w.Close("tr");
        w.Close("thead");
        w.Open("tbody");
        foreach (var row in table.Rows)
        {
            w.Open("tr");
            for (var i = 0; i < row.Count; i++)
            {
                if (i == 0)
                {
                    w.Element("th", row[i], ("scope", "row"));
                }
                else
                {
                    w.Element("td", row[i]);
                }
            }

            w.Close("tr");
        }

        w.Close("tbody");
        w.Close("table");
    }
}
