using System.Diagnostics;

namespace Inequalities.Briefing;

/// <summary>
/// Finds the Chromium (or Chrome) executable that prints briefings to PDF. Nothing is ever downloaded: the browser is
/// the system's (on Debian, <c>apt-get install chromium</c>).
/// </summary>
public static class BrowserLocator
{
    /// <summary>The environment variable that names the browser when no path is configured.</summary>
    public const string EnvironmentVariable = "INEQUALITIES_BROWSER";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>
    /// The browser: <paramref name="configured"/> when given (it must exist); else <c>INEQUALITIES_BROWSER</c>; else
    /// <c>/usr/bin/chromium</c>, then <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c>,
    /// <c>google-chrome-stable</c> on the PATH.
    /// </summary>
    /// <param name="configured">A path from an option or the catalogue, or null.</param>
    /// <exception cref="BriefException">No browser was found (<see cref="BriefProblem.NoBrowser"/>); the message lists where it looked.</exception>
    public static string Find(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new BriefException(BriefProblem.NoBrowser, $"The browser '{configured}' does not exist; give the path of a Chromium or Chrome executable (e.g. /usr/bin/chromium).");
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new BriefException(BriefProblem.NoBrowser, $"{EnvironmentVariable} names '{fromEnvironment}', which does not exist.");
        }

        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            tried.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new BriefException(
            BriefProblem.NoBrowser,
            $"No Chromium or Chrome was found for the PDF (looked for {string.Join(", ", tried.Distinct(StringComparer.Ordinal))}). " +
            $"Install one (Debian: apt-get install chromium), or give its path with --browser, {EnvironmentVariable} or the catalogue's briefs.browser; the HTML briefing needs no browser.");
    }

    private static IEnumerable<string> Candidates()
    {
        yield return "/usr/bin/chromium";
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var name in Names)
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Path.Combine(dir, name);
            }
        }
    }
}

/// <summary>Prints an HTML file to PDF with a headless Chromium driven by its command line.</summary>
internal static class ChromiumPdf
{
    public static async Task PrintAsync(string browser, string htmlPath, string pdfPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("inequalities-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--mute-audio", "--hide-scrollbars", $"--user-data-dir={profile.FullName}", "--no-pdf-header-footer",
                $"--print-to-pdf={pdfPath}", new Uri(htmlPath).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new BriefException(BriefProblem.PdfFailed, $"The browser '{browser}' could not be started.");
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new BriefException(BriefProblem.PdfFailed, $"The browser '{browser}' did not print the PDF within {timeout.TotalSeconds:0} s; it was stopped.");
            }

            var errors = await stderr.ConfigureAwait(false);
            _ = await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0 || !IsPdf(pdfPath))
            {
                var tail = string.Join(" | ", errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
                throw new BriefException(BriefProblem.PdfFailed, $"The browser '{browser}' exited with code {process.ExitCode} without printing a PDF: {tail}");
            }
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A browser helper still holding a file; the temporary folder is left for the system to clear.
            }
        }
    }

    private static bool IsPdf(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> head = stackalloc byte[5];
        using var file = File.OpenRead(path);
        return file.Read(head) == 5 && head.SequenceEqual("%PDF-"u8);
    }
}
