using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// A source's <c>url</c>: an https URL (http only on loopback), an ArcGIS layer URL for <c>format: arcgis</c>, or a
/// file path relative to the catalogue's folder; <c>{month:FORMAT}</c> tokens are kept as a template.
/// </summary>
internal sealed partial class SourceLocationReader(CatalogueProblems problems, string baseDirectory) : SectionReader(problems)
{
    public (Uri? Location, string? Template) Read(YamlMappingNode entry, string? id, SourceFormat? format)
    {
        var node = Scalar(entry, "url", id);
        if (node is null || string.IsNullOrWhiteSpace(node.Value))
        {
            Problem(Line(entry), id, "url", "is required (an https URL, or a file path relative to the catalogue)");
            return (null, null);
        }

        var text = node.Value.Trim();
        var tokens = MonthTemplate.Problems(text);
        foreach (var problem in tokens)
        {
            Problem(Line(node), id, "url", problem);
        }

        if (tokens.Count > 0)
        {
            return (null, null);
        }

        var templated = MonthTemplate.HasTokens(text);
        if (text.Contains("://", StringComparison.Ordinal))
        {
            // A templated URL is checked as it reads for a sample month; its tokens may not touch the host.
            var sample = MonthTemplate.Resolve(text, new DateOnly(2000, 1, 1));
            if (!Uri.TryCreate(sample, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) ||
                (templated && (!Uri.TryCreate(text, UriKind.Absolute, out var raw) || raw.IdnHost != uri.IdnHost)))
            {
                Problem(Line(node), id, "url", templated
                    ? $"'{text}' is not a valid absolute URL with {{month:FORMAT}} tokens in its path or query only"
                    : $"'{text}' is not a valid absolute URL");
                return (null, null);
            }

            if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))))
            {
                Problem(Line(node), id, "url", $"'{text}' must use https (plain http is accepted only for a loopback test server)");
                return (null, null);
            }

            if (format == SourceFormat.ArcGis && (!ArcGisLayerPattern().IsMatch(uri.AbsolutePath) || uri.Query.Length > 0))
            {
                Problem(Line(node), id, "url", $"'{text}' must be an ArcGIS layer URL ending in /FeatureServer/<n> or /MapServer/<n>, without a query (the fetcher writes the queries)");
                return (null, null);
            }

            return templated ? (new Uri(text), text) : (uri, null);
        }

        var path = System.IO.Path.IsPathRooted(text) ? text : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, text));
        return (new Uri(path), templated ? path : null);
    }

    [GeneratedRegex("/(FeatureServer|MapServer)/[0-9]+/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArcGisLayerPattern();
}
