using System.CommandLine;

namespace Inequalities.Worker.Commands;

/// <summary>Options shared by the lake verbs.</summary>
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
}
