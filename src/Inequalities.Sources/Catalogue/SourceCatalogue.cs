using Inequalities.Sources.Catalogue.Reading;

namespace Inequalities.Sources.Catalogue;

/// <summary>
/// The validated contents of <c>data-sources.yml</c>: every source the project knows, where it lives and how its
/// headers map to canonical fields. <see cref="Load"/> checks the whole file and reports every problem at once.
/// </summary>
public sealed partial class SourceCatalogue
{
    /// <summary>The most earlier months <c>fallback_months</c> may ask for.</summary>
    public const int MaxFallbackMonths = 12;

    internal SourceCatalogue(
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

    /// <summary>
    /// One line saying the catalogue is valid, as <c>inequalities catalogue validate</c> prints it: the sources, how many
    /// are enabled and have their own schedule, and the default schedule and time zone.
    /// </summary>
    public string Summary() => FormattableString.Invariant(
        $"{Path}: valid; {Sources.Count} sources ({Sources.Count(s => s.Enabled)} enabled, {Sources.Count(s => s.Schedule is not null)} with their own schedule), schedule '{Defaults.Schedule}' in {Defaults.TimeZone.Id}");

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
        return new CatalogueReader(path, baseDirectory).Read(text, CatalogueOrigin.For(CatalogueOriginKind.File, full, text, baseDirectory));
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
        return new CatalogueReader(displayPath, baseDirectory).Read(yaml, CatalogueOrigin.For(CatalogueOriginKind.Text, null, yaml, System.IO.Path.GetFullPath(baseDirectory)));
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
}
