using Inequalities.Core.Columnar;
using Inequalities.TestSupport;
using Microsoft.Playwright;
using SkiaSharp;
using Inequalities.Charts.Tests;
using UglyToad.PdfPig;

namespace Inequalities.Briefing.Tests;

/// <summary>
/// The briefing in a real headless browser: Debian's Chromium through Playwright's <c>ExecutablePath</c> (no browser
/// is downloaded; a missing browser fails these tests loudly). One page load serves every check of the HTML.
/// </summary>
[Collection(BriefLakesCollection.Name)]
public sealed class BrowserTests(BriefLakes lakes)
{
    private const double GoldenTolerance = 0.03;

    [Fact]
    public async Task Page_Liverpool_LoadsCleanlyWithLoadedImagesTablesHeadingsAndTheLakesNumbers()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E08000012");
        var file = lakes.Combine("E08000012.html");
        await Briefings.WriteAsync(brief, file);
        var gradients = await lakes.Real.ReadTableAsync("inequality_gradients");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserLocator.Find(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        // The top of the page, before anything scrolls it, for the golden screenshot (compared at the end).
        var top = await page.ScreenshotAsync(new PageScreenshotOptions { Clip = new Clip { X = 0, Y = 0, Width = 1000, Height = 900 } });

        Assert.Empty(errors);
        Assert.Equal("en-GB", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(0, await page.Locator("script").CountAsync());

        // Real headings, in order: one h1, and no level skipped.
        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        Assert.Equal(1, levels[0]);
        Assert.Single(levels, l => l == 1);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"Heading h{pair.Second} follows h{pair.First}."));

        // Every image loaded, says what it shows, is not blank, and has its numbers in a table beside it.
        var images = page.Locator("img");
        Assert.Equal(7, await images.CountAsync());   // three gradients, the need map, assets against need, the organisations map, the district ranks
        for (var i = 0; i < await images.CountAsync(); i++)
        {
            var image = images.Nth(i);
            Assert.True(await image.EvaluateAsync<int>("i => i.naturalWidth") > 0, $"Image {i} did not load.");
            var alt = await image.GetAttributeAsync("alt");
            Assert.False(string.IsNullOrWhiteSpace(alt));
            Assert.True(alt!.Length > 80 && !alt.Equals("chart", StringComparison.OrdinalIgnoreCase), $"Image {i}'s alt text says too little: {alt}");
            Assert.True(await image.EvaluateAsync<bool>("i => !!i.closest('.block').querySelector('table tbody tr')"), $"Image {i} has no table of its numbers.");
            using var shot = SKBitmap.Decode(await image.ScreenshotAsync());
            Assert.True(ImageAssert.LuminanceVariance(shot) > 100, $"Image {i} is blank.");
        }

        // Each number of each headline, read back from the page's text, is the lake's row.
        var items = page.Locator("ol.headlines > li");
        Assert.Equal(brief.Headlines.Count, await items.CountAsync());
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            var item = items.Nth(i);
            var key = new Headline
            {
                Rank = i + 1, SourceId = (await item.GetAttributeAsync("data-source"))!, IndicatorId = (await item.GetAttributeAsync("data-indicator"))!,
                IndicatorName = string.Empty, Period = (await item.GetAttributeAsync("data-period"))!, Basis = (await item.GetAttributeAsync("data-basis"))!,
                QuantileCount = int.Parse((await item.GetAttributeAsync("data-quantiles"))!, System.Globalization.CultureInfo.InvariantCulture),
                Method = (await item.GetAttributeAsync("data-method"))!, Frame = (await item.GetAttributeAsync("data-frame"))!, Area = null!, Sentence = [],
            };
            var area = Row(gradients, "E08000012", key);
            var england = Row(gradients, "E92000001", key);
            var sign = key.Frame == "most_minus_least" ? -1 : 1;
            var expected = new Dictionary<string, double>
            {
                ["area-sii"] = sign * area.Sii,
                ["area-lower"] = sign < 0 ? -area.Upper : area.Lower,
                ["area-upper"] = sign < 0 ? -area.Lower : area.Upper,
                ["england-sii"] = sign * england.Sii,
                ["england-lower"] = sign < 0 ? -england.Upper : england.Lower,
                ["england-upper"] = sign < 0 ? -england.Lower : england.Upper,
                ["times-england"] = Math.Abs(area.Sii) / Math.Abs(england.Sii),
            };
            var numbers = item.Locator("span.num");
            var seen = new HashSet<string>();
            for (var n = 0; n < await numbers.CountAsync(); n++)
            {
                var field = (await numbers.Nth(n).GetAttributeAsync("data-field"))!;
                var shown = Words.Parse(await numbers.Nth(n).InnerTextAsync());
                Assert.Equal(Math.Round(expected[field], 1, MidpointRounding.AwayFromZero), shown, 10);
                seen.Add(field);
            }

            Assert.Superset(new HashSet<string> { "area-sii", "area-lower", "area-upper", "england-sii", "england-lower", "england-upper" }, seen);
            var text = await item.InnerTextAsync();
            Assert.Contains(key.Frame == "most_minus_least" ? "higher in the most deprived" : "higher in the least deprived", text, StringComparison.Ordinal);
        }

        ImageAssert.MatchesGolden(top, Path.Combine(SharedData.RepoRoot, "tests", "Inequalities.Briefing.Tests", "Golden"), "liverpool-top", GoldenTolerance);
    }

    [Fact]
    public async Task WriteAsync_CombinedAuthorityPdf_IsA4WithEachSectionStartingAPage()
    {
        var brief = await Briefings.BuildAsync(lakes.Real, "E47000004");
        var file = lakes.Combine("E47000004.pdf");

        await Briefings.WriteAsync(brief, file);

        using var pdf = PdfDocument.Open(file);
        // The PDF sets fi and fl as ligatures (U+FB01, U+FB02); undo them (normalisation needs ICU, which the tests run without).
        var pages = pdf.GetPages().Select(p => (p.Width, p.Height, Text: string.Join(' ', p.GetWords().Select(w => w.Text)).Replace("\uFB01", "fi", StringComparison.Ordinal).Replace("\uFB02", "fl", StringComparison.Ordinal))).ToList();
        Assert.All(pages, p => Assert.True(Math.Abs(p.Width - 595.3) < 1.5 && Math.Abs(p.Height - 841.9) < 1.5, $"Page of {p.Width} x {p.Height} pt is not A4."));
        Assert.True(pages[0].Text.StartsWith("Health inequalities briefing: Liverpool City Region", StringComparison.Ordinal), $"Page 1 begins: {pages[0].Text[..Math.Min(200, pages[0].Text.Length)]}");
        Assert.Contains("Headlines", pages[0].Text, StringComparison.Ordinal);
        string[] sections = ["The steepest gradients", "Where need is highest", "Where community assets are thin relative to need", "Deprivation ranks: IoD2019 and IoD2025", "Sources"];
        var starts = sections.Select(s => pages.FindIndex(p => p.Text.StartsWith(s, StringComparison.Ordinal))).ToList();
        Assert.All(starts.Zip(sections), s => Assert.True(s.First > 0, $"No page starts with the section '{s.Second}'."));
        Assert.Equal(starts.Order(), starts);
        // The headlines take the first page or two; each of the three gradient figures (chart, table, notes) fits one page; the sources end the document.
        Assert.InRange(starts[0], 1, 2);
        Assert.Equal(starts[0] + 3, starts[1]);
        Assert.InRange(pages.Count - starts[4], 1, 3);
        var first = brief.Headlines[0].Sentence.First(p => p.Field == "area-sii").Text;
        Assert.Contains(first, pages[0].Text, StringComparison.Ordinal);
    }

    private static GradientValue Row(Table gradients, string area, Headline key)
    {
        var rows = gradients.Where(
            ("area_code", area), ("source_id", key.SourceId), ("indicator_id", key.IndicatorId), ("period", key.Period), ("basis", key.Basis),
            ("quantile_count", key.QuantileCount), ("method", key.Method));
        Assert.Equal(1, rows.RowCount);
        return new GradientValue(rows.Primitive<double>("sii")[0]!.Value, rows.Primitive<double>("sii_lower")[0]!.Value, rows.Primitive<double>("sii_upper")[0]!.Value, 0);
    }
}
