using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// Reads a whole catalogue: the YAML, <c>version</c>, then each section with its own reader (defaults, gradients,
/// briefs, allowed_hosts, mirrors, sources, asset_need), all reporting into one <see cref="CatalogueProblems"/>, so one load
/// lists every problem. Typed values (schedules, time zones, sizes, booleans, options) are parsed here, once.
/// </summary>
internal sealed class CatalogueReader(string displayPath, string baseDirectory) : SectionReader(new CatalogueProblems(displayPath))
{
    private static readonly string[] TopLevelFields = ["version", "defaults", "allowed_hosts", "mirrors", "sources", "gradients", "asset_need", "briefs"];

    /// <exception cref="CatalogueException">The catalogue is invalid; the exception lists every problem.</exception>
    public SourceCatalogue Read(string yaml, CatalogueOrigin origin)
    {
        var root = Root(yaml);
        CheckFields(root, TopLevelFields, null);
        var version = Scalar(root, "version", null);
        if (version is null)
        {
            Problem(Line(root), null, "version", "is required (version: 1)");
        }
        else if (version.Value != "1")
        {
            Problem(Line(version), null, "version", $"is '{version.Value}', but this release reads version 1");
        }

        var defaults = new DefaultsReader(Problems).Read(root);
        var briefs = new BriefsReader(Problems).Read(root);
        var hosts = new AllowedHostsReader(Problems).Read(root);
        var mirrors = new MirrorsReader(Problems).Read(root);
        var sources = new SourcesReader(Problems, baseDirectory).Read(root, defaults);
        var gradients = new GradientsReader(Problems).Read(root, sources);
        var assetNeed = new AssetNeedReader(Problems).Read(root, sources);
        Problems.ThrowIfAny();
        foreach (var s in sources.Where(s => !s.IsFile))
        {
            hosts.Add(s.Location.IdnHost);
        }

        return new SourceCatalogue(displayPath, baseDirectory, defaults, sources, hosts, assetNeed, gradients, mirrors, origin) { Briefs = briefs };
    }

    private YamlMappingNode Root(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping)
            {
                return mapping;
            }

            Problem(1, null, null, "the catalogue must be a YAML mapping with a 'sources:' list");
        }
        catch (YamlException ex)
        {
            Problem(checked((int)ex.Start.Line), null, null, $"is not valid YAML: {ex.Message}");
        }

        Problems.ThrowIfAny();
        throw new InvalidOperationException("unreachable: a problem was reported");
    }
}
