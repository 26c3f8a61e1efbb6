using Inequalities.Sources.Catalogue.Reading;

namespace Inequalities.Sources.Catalogue;

/// <content>The embedded catalogue, and the choice between a file and it that <c>refresh</c> and <c>run</c> make.</content>
public sealed partial class SourceCatalogue
{
    /// <summary>The file <see cref="Locate"/> looks for in the working directory.</summary>
    public const string DefaultFileName = "data-sources.yml";

    /// <summary>
    /// Loads the catalogue embedded in this library (<see cref="EmbeddedCatalogue"/>). Relative <c>url:</c> paths
    /// (e.g. <c>registers/lcr-local-directory.csv</c>) resolve against <paramref name="baseDirectory"/>, the working
    /// directory by default, as if the catalogue had been written there with <c>inequalities catalogue init</c>.
    /// </summary>
    /// <param name="baseDirectory">The folder relative paths resolve against; default the working directory.</param>
    /// <param name="skipMissingFiles">
    /// Disable each enabled source whose relative or absolute local file does not exist, recording it in
    /// <see cref="CatalogueOrigin.Skipped"/> with the reason, instead of letting the refresh fail on it. A refresh from
    /// an empty folder skips the local directory of community businesses this way; <c>--sample</c> passes false,
    /// because the sample mirror generates every file.
    /// </param>
    public static SourceCatalogue LoadEmbedded(string? baseDirectory = null, bool skipMissingFiles = false)
    {
        var root = System.IO.Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        var text = EmbeddedCatalogue.Text;
        var catalogue = new CatalogueReader(EmbeddedCatalogue.DisplayName, root)
            .Read(text, CatalogueOrigin.For(CatalogueOriginKind.Embedded, EmbeddedCatalogue.ResourceName, text, root));
        if (!skipMissingFiles)
        {
            return catalogue;
        }

        var skipped = new List<SkippedSource>();
        var sources = catalogue.Sources.Select(s =>
        {
            if (!s.Enabled || !s.IsFile || s.IsTemplated || File.Exists(s.Location.LocalPath))
            {
                return s;
            }

            skipped.Add(new SkippedSource(
                s.Id,
                $"its file '{s.Url}' is not in {root} (the embedded catalogue resolves relative paths against the working directory); " +
                "the source is skipped. Put the file there, or run 'inequalities catalogue init' and edit the copy."));
            return s with { Enabled = false };
        }).ToList();
        return skipped.Count == 0
            ? catalogue
            : new SourceCatalogue(catalogue.Path, root, catalogue.Defaults, sources, catalogue.AllowedHosts, catalogue.AssetNeed, catalogue.Gradients, catalogue.Mirrors, catalogue.Origin with { Skipped = skipped }) { Briefs = catalogue.Briefs };
    }

    /// <summary>
    /// The catalogue <c>refresh</c> and <c>run</c> read: <paramref name="path"/> when given; else
    /// <c>data-sources.yml</c> in <paramref name="workingDirectory"/> when it exists; else the embedded catalogue
    /// (<see cref="LoadEmbedded"/>, relative paths against <paramref name="workingDirectory"/>).
    /// <see cref="Origin"/> says which.
    /// </summary>
    /// <param name="path">The <c>--config</c> file, or null.</param>
    /// <param name="workingDirectory">The folder to look in and to resolve the embedded catalogue's relative paths against.</param>
    /// <param name="skipMissingFiles">For the embedded catalogue: see <see cref="LoadEmbedded"/>.</param>
    /// <exception cref="CatalogueException">The file is invalid; the exception lists every problem.</exception>
    /// <exception cref="FileNotFoundException"><paramref name="path"/> was given and does not exist.</exception>
    public static SourceCatalogue Locate(string? path, string workingDirectory, bool skipMissingFiles)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        if (!string.IsNullOrEmpty(path))
        {
            return Load(path);
        }

        var local = System.IO.Path.Combine(workingDirectory, DefaultFileName);
        return File.Exists(local) ? Load(local) : LoadEmbedded(workingDirectory, skipMissingFiles);
    }
}
