using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>The <c>allowed_hosts:</c> section: host names and suffix patterns a redirect may go to (see <see cref="HostPatterns"/>).</summary>
internal sealed class AllowedHostsReader(CatalogueProblems problems) : SectionReader(problems)
{
    public HashSet<string> Read(YamlMappingNode root)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Child(root, "allowed_hosts") is not { } node)
        {
            return hosts;
        }

        if (node is not YamlSequenceNode list)
        {
            Problem(Line(node), null, "allowed_hosts", "must be a list of host names or suffix patterns (e.g. *.arcgis.com)");
            return hosts;
        }

        foreach (var item in list.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } host })
            {
                Problem(Line(item), null, "allowed_hosts", "each entry must be a host name or a suffix pattern (e.g. *.arcgis.com)");
            }
            else if (HostPatterns.Problem(host) is { } problem)
            {
                Problem(Line(item), null, "allowed_hosts", problem);
            }
            else
            {
                hosts.Add(host);
            }
        }

        return hosts;
    }
}
