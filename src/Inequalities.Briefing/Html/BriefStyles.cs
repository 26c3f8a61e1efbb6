namespace Inequalities.Briefing;

/// <summary>The page's style sheet: readable on screen, A4 in print with each section on a new page and no table cut.</summary>
internal static class BriefStyles
{
    public static readonly StyleSheet Sheet = new("""
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1b1b1b; background: #fff; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
        h1 { font-size: 1.7rem; margin: 0 0 0.4rem; }
        h2 { font-size: 1.35rem; margin: 1.8rem 0 0.6rem; border-bottom: 2px solid #3b1f5c; padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
        .lede { font-size: 1.05rem; margin: 0.2rem 0; }
        .meta, .note, .footnote, .basis, .rule { color: #444; font-size: 0.9rem; }
        .warning { border: 2px solid #a4000f; padding: 0.5rem; font-weight: bold; }
        .missing { border-left: 4px solid #a65e00; padding-left: 0.6rem; }
        ol.headlines { padding-left: 1.4rem; }
        ol.headlines li { margin-bottom: 0.8rem; }
        li.no-clear-difference .sentence { color: #333; }
        .sentence { margin: 0; }
        .num { font-weight: bold; white-space: nowrap; }
        figure { margin: 0.5rem 0; }
        figure img { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 0.9rem; color: #444; }
        table { border-collapse: collapse; margin: 0.6rem 0 0.8rem; width: 100%; font-size: 0.9rem; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
        thead th { background: #ece8f2; }
        .sources-box { border: 1px solid #3b1f5c; padding: 0.3rem 0.8rem; background: #faf9fc; }
        .sources-box td:last-child { width: 38%; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          section { break-before: page; }
          section#headlines { break-before: auto; }
          h2, h3 { break-after: avoid; }
          .block, tr, li { break-inside: avoid; }
          .sources-box table { font-size: 8pt; }
          thead { display: table-header-group; }
          figure img { max-height: 100mm; width: auto; }
        }
        """);
}
