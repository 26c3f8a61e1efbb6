using System.CommandLine;
using Inequalities.Briefing;

namespace Inequalities.Worker.Commands;

/// <summary><c>inequalities brief --area CODE</c>: the commissioner's briefing of an area, as HTML or PDF.</summary>
internal static class BriefCommand
{
    public static Command Create()
    {
        var area = new Option<string>("--area")
        {
            Description = "The area: a district (e.g. E08000012 Liverpool), a combined authority (E47000004, the Liverpool City Region) or E92000001 for England.",
            Required = true,
        };
        var lake = CommonOptions.Lake();
        var output = new Option<FileInfo?>("--output")
        {
            Description = "The file to write: FILE.html (one self-contained page) or FILE.pdf (the same page printed by a headless Chromium). Default: brief-<area>.html.",
        };
        var browser = new Option<string?>("--browser")
        {
            Description = $"For a PDF: the Chromium or Chrome executable (default: ${BrowserLocator.EnvironmentVariable}, else /usr/bin/chromium, chromium, chromium-browser, google-chrome on the PATH). No browser is ever downloaded.",
        };
        var command = new Command(
            "brief",
            "Write the briefing of a district, combined authority or England from the current snapshot: ranked headline gradients against England, " +
            "the steepest gradient charts, the need map, community assets against need, IoD2019 and IoD2025 ranks, and the sources.")
        {
            area, lake, output, browser,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(area)!.Trim();
            var file = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"brief-{code}.html");
            try
            {
                var options = new BriefOptions { BrowserPath = parse.GetValue(browser) };
                var brief = await Briefings.BuildAsync(parse.GetValue(lake)!.FullName, code, options, cancellationToken).ConfigureAwait(false);
                await Briefings.WriteAsync(brief, file, options, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"Wrote the briefing for {brief.Area.Name} ({brief.Area.Code}, {brief.Headlines.Count} headlines) to {file}").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (BriefException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ex.Problem is BriefProblem.NoGradients or BriefProblem.PdfFailed ? ExitCodes.BriefFailed : ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
