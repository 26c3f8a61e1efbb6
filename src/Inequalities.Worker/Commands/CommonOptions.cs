using System.CommandLine;
using Inequalities.Lake.Snapshots;
using Inequalities.Sources.Catalogue;
using Inequalities.Sources.Sample;
using Microsoft.Extensions.Logging;

namespace Inequalities.Worker.Commands;

/// <summary>Options shared by the lake verbs, and the catalogue they read.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Config() => new("--config")
    {
        Description = "The data-sources catalogue (default: ./data-sources.yml when it exists, else the catalogue embedded in the" +
            " tool, whose relative paths resolve against the working directory; the log and the manifest say which).",
    };

    public static Option<DirectoryInfo> Lake() => new("--lake")
    {
        Description = "The lake folder.",
        DefaultValueFactory = _ => new DirectoryInfo("lake"),
    };

    /// <summary>The catalogue features a refresh understands, for the help of <c>refresh</c> and <c>run</c>.</summary>
    public const string CatalogueHelp =
        " The catalogue may use format: arcgis (url: an ArcGIS FeatureServer/MapServer layer, fetched page by page and" +
        " checked against its count; options where, out_sr, return_geometry), suffix patterns in allowed_hosts" +
        " (*.arcgis.com: any subdomain, never evilarcgis.com; redirects are https only, never downgraded, bounded)," +
        " {month:yyyy-MM} tokens in url and member with fallback_months: N (earlier months tried on 404/410)," +
        " header aliases (lad_code: [lad25cd, lad24cd]: the first found wins) and mirrors: (prefix, url)." +
        " A zip member may be a pattern (member: Data/CSV/*.csv reads every match as one CSV table); a CSV without a" +
        " header row names its columns with options header: \"false\" and column_names (OS Code-Point Open); a GeoJSON" +
        " or ArcGIS point layer gives its coordinates as the columns geometry.x and geometry.y." +
        " The manifest records per source url, final_url, mirror, member and columns_used.";

    public static Option<string[]> Mirror() => new("--mirror")
    {
        Description = "PREFIX=URL: send requests whose URL starts with PREFIX to URL + the rest instead (repeatable; adds to" +
            " and overrides the catalogue's mirrors: for the same prefix; the longest prefix wins; redirect targets too)." +
            " Both end with '/'; URL is https, or http on a loopback address. The allow-list and provenance stay on the" +
            " publisher's URL. E.g. --mirror https://services1.arcgis.com/=https://gis-mirror.nhs.example/services1/",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>
    /// The catalogue <c>refresh</c> and <c>run</c> read (<see cref="SourceCatalogue.Locate"/>), narrowed to
    /// <paramref name="only"/> and with the <c>--mirror</c> rules; null (the problems written to stderr) when it is invalid.
    /// </summary>
    public static async Task<SourceCatalogue?> LoadCatalogueAsync(FileInfo? config, bool sample, IReadOnlyList<string> mirrors, string? only = null)
    {
        try
        {
            var catalogue = SourceCatalogue.Locate(config?.FullName, Directory.GetCurrentDirectory(), skipMissingFiles: !sample);
            if (!string.IsNullOrWhiteSpace(only))
            {
                catalogue = catalogue.Only(only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            return mirrors.Count > 0 ? catalogue.WithMirrors(mirrors) : catalogue;
        }
        catch (Exception ex) when (ex is CatalogueException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Generates the sample mirror into <c>&lt;lake&gt;/sample-mirror</c> and points the catalogue at it (<c>--sample</c>).</summary>
    public static SourceCatalogue UseSampleMirror(SourceCatalogue catalogue, LakeLayout layout, TimeProvider timeProvider, ILogger logger)
    {
        var mirror = layout.SampleMirrorDirectory;
        var located = catalogue.WithLocations(SampleMirror.Generate(catalogue, mirror, timeProvider: timeProvider));
        logger.LogInformation("Using the generated sample mirror in {Mirror}", mirror);
        return located;
    }
}
