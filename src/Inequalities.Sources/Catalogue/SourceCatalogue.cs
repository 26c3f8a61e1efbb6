using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Cronos;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The validated contents of <c>data-sources.yml</c>: every source the project knows, where it lives and how its
/// headers map to canonical fields. <see cref="Load"/> checks the whole file and reports every problem at once.
/// </summary>
public sealed partial class SourceCatalogue
{
    private static readonly string[] TopLevelFields = ["version", "defaults", "allowed_hosts", "mirrors", "sources", "gradients", "asset_need", "briefs"];
    private static readonly string[] GradientFields = ["bases", "indicators", "include_inherited", "repetitions", "seed"];
    private static readonly string[] BasisFields = ["index", "domain", "quantiles", "ranking", "vintage"];
    private static readonly string[] DefaultsFields = ["schedule", "time_zone", "max_bytes", "keep_snapshots", "user_agent"];
    private static readonly string[] SourceFields =
    [
        "id", "kind", "publisher", "licence", "url", "format", "sheet", "member", "member_format", "geography",
        "vintage", "period", "columns", "sha256", "max_bytes", "schedule", "enabled", "alternative_to", "description",
        "options", "fallback_months", "indicator", "indicators", "attribution",
    ];

    private SourceCatalogue(
        string path,
        string baseDirectory,
        CatalogueDefaults defaults,
        IReadOnlyList<SourceDefinition> sources,
        IReadOnlySet<string> allowedHosts,
        AssetNeedSettings assetNeed,
        GradientSettings? gradients,
        IReadOnlyList<MirrorRule> mirrors,
        CatalogueOrigin origin)
    {
        Origin = origin;
        AssetNeed = assetNeed;
        Gradients = gradients ?? new GradientSettings();
        Path = path;
        BaseDirectory = baseDirectory;
        Defaults = defaults;
        Sources = sources;
        AllowedHosts = allowedHosts;
        Mirrors = mirrors;
    }

    /// <summary>The catalogue file as given (used in messages).</summary>
    public string Path { get; }

    /// <summary>The folder relative file locations are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>
    /// Where the catalogue came from (a file, the embedded copy or text), the SHA-256 of its YAML and the sources left
    /// out when it was loaded; written into every snapshot's manifest as <c>catalogue_origin</c>.
    /// </summary>
    public CatalogueOrigin Origin { get; }

    /// <summary>Catalogue-wide settings.</summary>
    public CatalogueDefaults Defaults { get; }

    /// <summary>The <c>asset_need:</c> settings (defaults when the section is absent).</summary>
    public AssetNeedSettings AssetNeed { get; }

    /// <summary>Every source, in file order, enabled or not.</summary>
    public IReadOnlyList<SourceDefinition> Sources { get; }

    /// <summary>
    /// Hosts a download may be redirected to: the hosts of every source URL plus the <c>allowed_hosts</c> list, which
    /// may hold suffix patterns such as <c>*.arcgis.com</c> (see <see cref="HostPatterns"/>). A redirect anywhere else
    /// is refused.
    /// </summary>
    public IReadOnlySet<string> AllowedHosts { get; }

    /// <summary>
    /// Where requests are sent instead of the publishers (the <c>mirrors:</c> section, plus <c>--mirror</c> rules
    /// added with <see cref="WithMirrors(IEnumerable{string})"/>); empty when every request goes to the publisher.
    /// </summary>
    public IReadOnlyList<MirrorRule> Mirrors { get; }

    /// <summary>Which inequality gradients a refresh writes (the <c>gradients:</c> section; defaults when absent).</summary>
    public GradientSettings Gradients { get; }

    /// <summary>The sources a refresh includes: the enabled ones.</summary>
    public IEnumerable<SourceDefinition> Enabled => Sources.Where(s => s.Enabled);

    /// <summary>Finds a source by id.</summary>
    /// <param name="id">The source id.</param>
    /// <exception cref="KeyNotFoundException">No source has that id.</exception>
    public SourceDefinition this[string id] =>
        Sources.FirstOrDefault(s => s.Id == id) ??
        throw new KeyNotFoundException($"{Path}: no source has the id '{id}'. Known ids: {string.Join(", ", Sources.Select(s => s.Id))}.");

    /// <summary>Loads and validates a catalogue file.</summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <exception cref="CatalogueException">The file is invalid; the exception lists every problem.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SourceCatalogue Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data-sources catalogue '{path}' does not exist.", path);
        }

        var full = System.IO.Path.GetFullPath(path);
        var text = File.ReadAllText(full);
        var baseDirectory = System.IO.Path.GetDirectoryName(full)!;
        return new Reader(path, baseDirectory).Read(text, CatalogueOrigin.For(CatalogueOriginKind.File, full, text, baseDirectory));
    }

    /// <summary>Parses and validates catalogue text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="baseDirectory">The folder relative file locations are resolved against.</param>
    /// <param name="displayPath">The name used in messages.</param>
    /// <exception cref="CatalogueException">The text is invalid; the exception lists every problem.</exception>
    public static SourceCatalogue Parse(string yaml, string baseDirectory, string displayPath = "data-sources.yml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var reader = new Reader(displayPath, baseDirectory);
        return reader.Read(yaml, CatalogueOrigin.For(CatalogueOriginKind.Text, null, yaml, System.IO.Path.GetFullPath(baseDirectory)));
    }

    /// <summary>
    /// Returns a copy in which each source listed in <paramref name="locations"/> reads from the given location
    /// instead (used to point the catalogue at the sample mirror or a local copy). Checksums pinned for the
    /// publisher's file are dropped for overridden sources.
    /// </summary>
    /// <param name="locations">Source id to absolute URI.</param>
    public SourceCatalogue WithLocations(IReadOnlyDictionary<string, Uri> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var sources = Sources.Select(s => locations.TryGetValue(s.Id, out var uri)
            ? s with { Location = uri, Url = uri.IsFile ? uri.LocalPath : uri.ToString(), Sha256 = null, LocationTemplate = null }
            : s).ToList();
        var hosts = new HashSet<string>(AllowedHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var uri in locations.Values.Where(u => !u.IsFile))
        {
            hosts.Add(uri.IdnHost);
        }

        return new SourceCatalogue(Path, BaseDirectory, Defaults, sources, hosts, AssetNeed, Gradients, Mirrors, Origin) { Briefs = Briefs };
    }

    /// <summary>
    /// Returns a copy with more mirrors, as <c>--mirror PREFIX=URL</c> gives them: each rule is added, replacing a
    /// catalogue rule with the same prefix (the longest matching prefix wins when a request is sent).
    /// </summary>
    /// <param name="specs">Rules written <c>PREFIX=URL</c>, e.g. <c>https://services1.arcgis.com/=http://127.0.0.1:8080/services1/</c>.</param>
    /// <exception cref="CatalogueException">A rule is invalid; the exception lists every problem.</exception>
    public SourceCatalogue WithMirrors(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var rules = new List<MirrorRule>();
        var problems = new List<string>();
        foreach (var spec in specs)
        {
            // A prefix may itself hold '=' (in a query), so split before the URL's scheme where there is one.
            var split = spec?.IndexOf("=http", StringComparison.OrdinalIgnoreCase) ?? -1;
            split = split > 0 ? split : spec?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (split <= 0)
            {
                problems.Add($"--mirror '{spec}': expected PREFIX=URL (e.g. https://services1.arcgis.com/=https://gis-mirror.example/services1/)");
                continue;
            }

            var (prefix, url) = (spec![..split].Trim(), spec[(split + 1)..].Trim());
            var wrong = MirrorRule.Problems(prefix, url);
            if (wrong.Count > 0)
            {
                problems.AddRange(wrong.Select(p => $"--mirror '{spec}': {p}"));
            }
            else
            {
                rules.Add(MirrorRule.Create(prefix, url));
            }
        }

        if (problems.Count > 0)
        {
            throw new CatalogueException(Path, problems);
        }

        return WithMirrors(rules);
    }

    /// <summary>Returns a copy with more mirrors; each replaces a rule with the same prefix.</summary>
    /// <param name="rules">The rules to add.</param>
    public SourceCatalogue WithMirrors(IEnumerable<MirrorRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new SourceCatalogue(Path, BaseDirectory, Defaults, Sources, AllowedHosts, AssetNeed, Gradients, MirrorRule.Merge(Mirrors, rules), Origin) { Briefs = Briefs };
    }

    /// <summary>Returns a copy holding only the listed sources (all of them enabled), as <c>refresh --only</c> does.</summary>
    /// <param name="ids">The ids to keep.</param>
    /// <exception cref="CatalogueException">An id is not in the catalogue.</exception>
    public SourceCatalogue Only(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.ToList();
        var unknown = wanted.Where(id => Sources.All(s => s.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new CatalogueException(Path, unknown.Select(id => $"--only names '{id}', which is not a source id in the catalogue").ToList());
        }

        var sources = Sources.Where(s => wanted.Contains(s.Id)).Select(s => s with { Enabled = true }).ToList();
        return new SourceCatalogue(Path, BaseDirectory, Defaults, sources, AllowedHosts, AssetNeed, Gradients, Mirrors, Origin) { Briefs = Briefs };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?\\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();

    private sealed partial class Reader(string displayPath, string baseDirectory)
    {
        private readonly List<string> _problems = [];

        public SourceCatalogue Read(string yaml, CatalogueOrigin origin)
        {
            YamlMappingNode? root = null;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(yaml));
                if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
                {
                    Problem(1, null, null, "the catalogue must be a YAML mapping with a 'sources:' list");
                }
                else
                {
                    root = mapping;
                }
            }
            catch (YamlException ex)
            {
                Problem(checked((int)ex.Start.Line), null, null, $"is not valid YAML: {ex.Message}");
            }

            if (root is null)
            {
                throw new CatalogueException(displayPath, _problems);
            }

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

            var defaults = ReadDefaults(root);
            var gradients = ReadGradients(root);
            var briefs = ReadBriefs(root);
            var extraHosts = ReadAllowedHosts(root);
            var mirrors = ReadMirrors(root);
            var sources = new List<SourceDefinition>();
            var sourcesNode = Child(root, "sources");
            if (sourcesNode is not YamlSequenceNode list || list.Children.Count == 0)
            {
                Problem(sourcesNode is null ? Line(root) : Line(sourcesNode), null, "sources", "must be a non-empty list of source entries");
            }
            else
            {
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var node in list.Children)
                {
                    if (node is not YamlMappingNode entry)
                    {
                        Problem(Line(node), null, "sources", "each entry must be a mapping");
                        continue;
                    }

                    var source = ReadSource(entry, defaults, seen);
                    if (source is not null)
                    {
                        sources.Add(source);
                    }
                }

                foreach (var s in sources.Where(s => s.AlternativeTo is not null && !seen.ContainsKey(s.AlternativeTo)))
                {
                    Problem(s.Line, s.Id, "alternative_to", $"names '{s.AlternativeTo}', which is not a source id in the catalogue");
                }
            }

            var assetNeed = ReadAssetNeed(root, sources);
            if (_problems.Count > 0)
            {
                throw new CatalogueException(displayPath, _problems);
            }

            foreach (var s in sources.Where(s => !s.IsFile))
            {
                extraHosts.Add(s.Location.IdnHost);
            }

            return new SourceCatalogue(displayPath, baseDirectory, defaults, sources, extraHosts, assetNeed, gradients, mirrors, origin) { Briefs = briefs };
        }

        private string? RequiredText(YamlMappingNode entry, string field, string? id)
        {
            var node = Scalar(entry, field, id);
            if (node is null || string.IsNullOrWhiteSpace(node.Value))
            {
                Problem(Line(entry), id, field, "is required");
                return null;
            }

            return node.Value;
        }

        private T? RequiredEnum<T>(YamlMappingNode entry, string field, string? id)
            where T : struct, Enum
        {
            var node = Scalar(entry, field, id);
            if (node is null || string.IsNullOrWhiteSpace(node.Value))
            {
                Problem(Line(entry), id, field, $"is required (one of {Names<T>()})");
                return null;
            }

            if (Naming.TryParseEnum<T>(node.Value, out var value))
            {
                return value;
            }

            Problem(Line(node), id, field, $"'{node.Value}' is not one of {Names<T>()}");
            return null;
        }

        private static string Names<T>()
            where T : struct, Enum =>
            typeof(T) == typeof(SourceFormat) ? string.Join(", ", Enum.GetValues<SourceFormat>().Select(Naming.FormatName)) : Naming.Names<T>();

        private long? ParseSize(YamlScalarNode node, string? id, string field)
        {
            var match = SizePattern().Match(node.Value ?? string.Empty);
            if (!match.Success)
            {
                Problem(Line(node), id, field, $"'{node.Value}' is not a size (e.g. 200MB, 1GiB or a number of bytes)");
                return null;
            }

            var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups[2].Success ? match.Groups[2].Value.ToUpperInvariant() : "B";
            var factor = unit switch
            {
                "KB" => 1e3,
                "KIB" => 1024d,
                "MB" => 1e6,
                "MIB" => 1024d * 1024,
                "GB" => 1e9,
                "GIB" => 1024d * 1024 * 1024,
                _ => 1d,
            };
            var bytes = (long)(number * factor);
            if (bytes <= 0)
            {
                Problem(Line(node), id, field, "must be greater than zero");
                return null;
            }

            return bytes;
        }

        private bool CheckCron(YamlScalarNode node, string? id, string field)
        {
            var text = node.Value ?? string.Empty;
            var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            try
            {
                _ = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
                return true;
            }
            catch (CronFormatException)
            {
                Problem(Line(node), id, field, $"'{text}' is not a cron expression of 5 fields (minute hour day month weekday) or 6 (with seconds first)");
                return false;
            }
        }

        private void CheckFields(YamlMappingNode map, string[] allowed, string? id, string prefix = "")
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!allowed.Contains(name))
                {
                    Problem(Line(key), id, prefix + name, $"is not a known field (expected one of {string.Join(", ", allowed)})");
                }
            }
        }

        private YamlScalarNode? Scalar(YamlMappingNode map, string field, string? id)
        {
            var node = Child(map, field);
            switch (node)
            {
                case null:
                    return null;
                case YamlScalarNode scalar when scalar.Value is { Length: > 0 }:
                    return scalar;
                case YamlScalarNode:
                    return null;
                default:
                    Problem(Line(node), id, field, "must be a single value, not a list or mapping");
                    return null;
            }
        }

        private static YamlNode? Child(YamlMappingNode map, string field) =>
            map.Children.TryGetValue(new YamlScalarNode(field), out var node) ? node : null;

        private static int Line(YamlNode node) => checked((int)node.Start.Line);

        private void Problem(int line, string? id, string? field, string message)
        {
            var where = (id, field) switch
            {
                (null, null) => string.Empty,
                (null, _) => $"field '{field}': ",
                (_, null) => $"source '{id}': ",
                _ => $"source '{id}' field '{field}': ",
            };
            _problems.Add($"{displayPath}:{line}: {where}{message}");
        }
    }
}
