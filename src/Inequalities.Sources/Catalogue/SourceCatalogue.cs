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
    private static readonly string[] TopLevelFields = ["version", "defaults", "allowed_hosts", "sources", "gradients", "asset_need"];
    private static readonly string[] GradientFields = ["bases", "indicators", "include_inherited", "repetitions", "seed"];
    private static readonly string[] BasisFields = ["index", "domain", "quantiles", "ranking", "vintage"];
    private static readonly string[] DefaultsFields = ["schedule", "time_zone", "max_bytes", "keep_snapshots", "user_agent"];
    private static readonly string[] SourceFields =
    [
        "id", "kind", "publisher", "licence", "url", "format", "sheet", "member", "member_format", "geography",
        "vintage", "period", "columns", "sha256", "max_bytes", "schedule", "enabled", "alternative_to", "description",
        "options", "indicator", "indicators",
    ];

    private SourceCatalogue(string path, string baseDirectory, CatalogueDefaults defaults, IReadOnlyList<SourceDefinition> sources, IReadOnlySet<string> allowedHosts, AssetNeedSettings assetNeed, GradientSettings? gradients = null)
    {
        AssetNeed = assetNeed;
        Gradients = gradients ?? new GradientSettings();
        Path = path;
        BaseDirectory = baseDirectory;
        Defaults = defaults;
        Sources = sources;
        AllowedHosts = allowedHosts;
    }

    /// <summary>The catalogue file as given (used in messages).</summary>
    public string Path { get; }

    /// <summary>The folder relative file locations are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>Catalogue-wide settings.</summary>
    public CatalogueDefaults Defaults { get; }

    /// <summary>The <c>asset_need:</c> settings (defaults when the section is absent).</summary>
    public AssetNeedSettings AssetNeed { get; }

    /// <summary>Every source, in file order, enabled or not.</summary>
    public IReadOnlyList<SourceDefinition> Sources { get; }

    /// <summary>
    /// Hosts a download may be redirected to: the hosts of every source URL plus the <c>allowed_hosts</c> list.
    /// A redirect anywhere else is refused.
    /// </summary>
    public IReadOnlySet<string> AllowedHosts { get; }

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
        return Parse(File.ReadAllText(full), System.IO.Path.GetDirectoryName(full)!, path);
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
        return reader.Read(yaml);
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
            ? s with { Location = uri, Url = uri.IsFile ? uri.LocalPath : uri.ToString(), Sha256 = null }
            : s).ToList();
        var hosts = new HashSet<string>(AllowedHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var uri in locations.Values.Where(u => !u.IsFile))
        {
            hosts.Add(uri.IdnHost);
        }

        return new SourceCatalogue(Path, BaseDirectory, Defaults, sources, hosts, AssetNeed, Gradients);
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
        return new SourceCatalogue(Path, BaseDirectory, Defaults, sources, AllowedHosts, AssetNeed, Gradients);
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

        public SourceCatalogue Read(string yaml)
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
            var extraHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Child(root, "allowed_hosts") is { } hostsNode)
            {
                if (hostsNode is YamlSequenceNode hosts)
                {
                    foreach (var h in hosts.Children)
                    {
                        if (h is YamlScalarNode { Value: { Length: > 0 } host } && Uri.CheckHostName(host) != UriHostNameType.Unknown)
                        {
                            extraHosts.Add(host);
                        }
                        else
                        {
                            Problem(Line(h), null, "allowed_hosts", "each entry must be a host name");
                        }
                    }
                }
                else
                {
                    Problem(Line(hostsNode), null, "allowed_hosts", "must be a list of host names");
                }
            }

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

            return new SourceCatalogue(displayPath, baseDirectory, defaults, sources, extraHosts, assetNeed, gradients);
        }

        private CatalogueDefaults ReadDefaults(YamlMappingNode root)
        {
            var defaults = new CatalogueDefaults();
            if (Child(root, "defaults") is not { } node)
            {
                return defaults;
            }

            if (node is not YamlMappingNode map)
            {
                Problem(Line(node), null, "defaults", "must be a mapping");
                return defaults;
            }

            CheckFields(map, DefaultsFields, null, "defaults.");
            if (Scalar(map, "schedule", null) is { } schedule)
            {
                if (CheckCron(schedule, null, "defaults.schedule"))
                {
                    defaults = defaults with { Schedule = schedule.Value! };
                }
            }

            if (Scalar(map, "time_zone", null) is { } tz)
            {
                try
                {
                    _ = TimeZoneInfo.FindSystemTimeZoneById(tz.Value!);
                    defaults = defaults with { TimeZone = tz.Value! };
                }
                catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
                {
                    Problem(Line(tz), null, "defaults.time_zone", $"'{tz.Value}' is not a known IANA time zone (e.g. Europe/London)");
                }
            }

            if (Scalar(map, "max_bytes", null) is { } max && ParseSize(max, null, "defaults.max_bytes") is { } bytes)
            {
                defaults = defaults with { MaxBytes = bytes };
            }

            if (Scalar(map, "keep_snapshots", null) is { } keep)
            {
                if (int.TryParse(keep.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    defaults = defaults with { KeepSnapshots = n };
                }
                else
                {
                    Problem(Line(keep), null, "defaults.keep_snapshots", $"'{keep.Value}' is not a whole number of at least 1");
                }
            }

            if (Scalar(map, "user_agent", null) is { } ua)
            {
                defaults = defaults with { UserAgent = ua.Value };
            }

            return defaults;
        }

        private GradientSettings ReadGradients(YamlMappingNode root)
        {
            var settings = new GradientSettings();
            if (Child(root, "gradients") is not { } node)
            {
                return settings;
            }

            if (node is not YamlMappingNode map)
            {
                Problem(Line(node), null, "gradients", "must be a mapping");
                return settings;
            }

            CheckFields(map, GradientFields, null, "gradients.");
            if (Child(map, "bases") is { } basesNode)
            {
                var bases = new List<GradientBasis>();
                if (basesNode is not YamlSequenceNode list)
                {
                    Problem(Line(basesNode), null, "gradients.bases", "must be a list of {index, domain, quantiles, ranking, vintage}");
                }
                else
                {
                    foreach (var item in list.Children)
                    {
                        if (item is not YamlMappingNode basis)
                        {
                            Problem(Line(item), null, "gradients.bases", "each basis must be a mapping");
                            continue;
                        }

                        CheckFields(basis, BasisFields, null, "gradients.bases.");
                        var index = Scalar(basis, "index", null)?.Value;
                        if (index is null)
                        {
                            Problem(Line(basis), null, "gradients.bases.index", "is required (an index id such as iod2019)");
                            continue;
                        }

                        var quantiles = 10;
                        if (Scalar(basis, "quantiles", null) is { } q)
                        {
                            if (q.Value is "10" or "5")
                            {
                                quantiles = int.Parse(q.Value, CultureInfo.InvariantCulture);
                            }
                            else
                            {
                                Problem(Line(q), null, "gradients.bases.quantiles", $"'{q.Value}' must be 10 (deciles) or 5 (quintiles)");
                            }
                        }

                        var ranking = QuantileRanking.National;
                        if (Scalar(basis, "ranking", null) is { } r && !Naming.TryParseEnum(r.Value!, out ranking))
                        {
                            Problem(Line(r), null, "gradients.bases.ranking", $"'{r.Value}' must be national or local");
                        }

                        int? vintage = null;
                        if (Scalar(basis, "vintage", null) is { } v)
                        {
                            if (v.Value is "2011" or "2021")
                            {
                                vintage = int.Parse(v.Value, CultureInfo.InvariantCulture);
                            }
                            else
                            {
                                Problem(Line(v), null, "gradients.bases.vintage", $"'{v.Value}' must be 2011 or 2021 (the LSOA vintage to compute on)");
                            }
                        }

                        bases.Add(new GradientBasis(index, Scalar(basis, "domain", null)?.Value ?? "imd", quantiles, ranking) { Vintage = vintage });
                    }
                }

                settings = settings with { Bases = bases };
            }

            if (Child(map, "indicators") is YamlSequenceNode indicators)
            {
                settings = settings with { Indicators = indicators.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList() };
            }

            if (Scalar(map, "include_inherited", null) is { } inherited)
            {
                if (bool.TryParse(inherited.Value, out var b))
                {
                    settings = settings with { IncludeInherited = b };
                }
                else
                {
                    Problem(Line(inherited), null, "gradients.include_inherited", $"'{inherited.Value}' is not true or false");
                }
            }

            if (Scalar(map, "repetitions", null) is { } reps)
            {
                if (int.TryParse(reps.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1000)
                {
                    settings = settings with { Repetitions = n };
                }
                else
                {
                    Problem(Line(reps), null, "gradients.repetitions", $"'{reps.Value}' must be a whole number of at least 1000");
                }
            }

            if (Scalar(map, "seed", null) is { } seed)
            {
                if (ulong.TryParse(seed.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    settings = settings with { Seed = n };
                }
                else
                {
                    Problem(Line(seed), null, "gradients.seed", $"'{seed.Value}' is not a whole number");
                }
            }

            return settings;
        }

        private SourceDefinition? ReadSource(YamlMappingNode entry, CatalogueDefaults defaults, Dictionary<string, int> seen)
        {
            var before = _problems.Count;
            var line = Line(entry);
            var idNode = Scalar(entry, "id", null);
            string? id = idNode?.Value;
            if (string.IsNullOrEmpty(id))
            {
                Problem(line, null, "id", "is required");
                id = null;
            }
            else if (!IdPattern().IsMatch(id))
            {
                Problem(Line(idNode!), id, "id", "must be 1 to 64 characters of a-z, 0-9, '-' or '_', starting with a letter or digit");
            }
            else if (seen.TryGetValue(id, out var firstLine))
            {
                Problem(Line(idNode!), id, "id", $"is a duplicate of the entry at line {firstLine}");
            }
            else
            {
                seen[id] = line;
            }

            CheckFields(entry, SourceFields, id);
            var kind = RequiredEnum<SourceKind>(entry, "kind", id);
            var publisher = RequiredText(entry, "publisher", id);
            var licence = RequiredText(entry, "licence", id);
            var format = RequiredEnum<SourceFormat>(entry, "format", id);
            var geography = RequiredEnum<GeographyLevel>(entry, "geography", id);
            var location = ReadLocation(entry, id);

            var sheet = Scalar(entry, "sheet", id)?.Value;
            var member = Scalar(entry, "member", id)?.Value;
            SourceFormat? memberFormat = null;
            if (Scalar(entry, "member_format", id) is { } mf)
            {
                if (Naming.TryParseEnum<SourceFormat>(mf.Value!, out var f) && f is not SourceFormat.Zip and not SourceFormat.CsvGz)
                {
                    memberFormat = f;
                }
                else
                {
                    Problem(Line(mf), id, "member_format", $"'{mf.Value}' is not one of csv, xlsx, json, geojson");
                }
            }

            if (format == SourceFormat.Xlsx && string.IsNullOrWhiteSpace(sheet))
            {
                Problem(line, id, "sheet", "is required when format is xlsx");
            }

            if (format == SourceFormat.Zip)
            {
                if (string.IsNullOrWhiteSpace(member))
                {
                    Problem(line, id, "member", "is required when format is zip");
                }
                else if (!ZipSafety.IsSafeMemberPath(member))
                {
                    Problem(line, id, "member", $"'{member}' must be a relative path inside the archive (no '..', no leading '/')");
                }

                if (memberFormat is null && !_problems.Any(p => p.Contains($"'{id}' field 'member_format'", StringComparison.Ordinal)))
                {
                    Problem(line, id, "member_format", "is required when format is zip");
                }
                else if (memberFormat == SourceFormat.Xlsx && string.IsNullOrWhiteSpace(sheet))
                {
                    Problem(line, id, "sheet", "is required when the zip member is xlsx");
                }
            }
            else
            {
                if (member is not null)
                {
                    Problem(line, id, "member", "is only used when format is zip");
                }

                if (memberFormat is not null)
                {
                    Problem(line, id, "member_format", "is only used when format is zip");
                }

                if (sheet is not null && format != SourceFormat.Xlsx)
                {
                    Problem(line, id, "sheet", "is only used when format is xlsx");
                }
            }

            int? vintage = null;
            if (Scalar(entry, "vintage", id) is { } v)
            {
                if (int.TryParse(v.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100)
                {
                    vintage = year;
                }
                else
                {
                    Problem(Line(v), id, "vintage", $"'{v.Value}' is not a year between 1990 and 2100");
                }
            }

            string? sha = null;
            if (Scalar(entry, "sha256", id) is { } shaNode)
            {
                sha = shaNode.Value!.ToLowerInvariant();
                if (!Sha256Pattern().IsMatch(sha))
                {
                    Problem(Line(shaNode), id, "sha256", "must be 64 hexadecimal characters");
                }
            }

            var maxBytes = defaults.MaxBytes;
            if (Scalar(entry, "max_bytes", id) is { } maxNode && ParseSize(maxNode, id, "max_bytes") is { } m)
            {
                maxBytes = m;
            }

            string? schedule = null;
            if (Scalar(entry, "schedule", id) is { } sched && CheckCron(sched, id, "schedule"))
            {
                schedule = sched.Value;
            }

            var enabled = true;
            if (Scalar(entry, "enabled", id) is { } en)
            {
                if (bool.TryParse(en.Value, out var b))
                {
                    enabled = b;
                }
                else
                {
                    Problem(Line(en), id, "enabled", $"'{en.Value}' is not true or false");
                }
            }

            var columns = ReadMap(entry, "columns", id, required: true);
            if (kind is { } k && columns is not null)
            {
                CanonicalFields.Validate(k, columns, (field, message) => Problem(line, id, field, message));
            }

            var options = ReadMap(entry, "options", id, required: false) ?? new Dictionary<string, string>();
            var indicatorMetadata = ReadIndicatorMetadata(entry, id, kind, columns);

            if (_problems.Count > before || id is null || kind is null || format is null || geography is null || location is null || publisher is null || licence is null || columns is null)
            {
                return null;
            }

            return new SourceDefinition
            {
                Id = id,
                Kind = kind.Value,
                Publisher = publisher,
                Licence = licence,
                Url = Scalar(entry, "url", id)!.Value!,
                Location = location,
                Format = format.Value,
                Sheet = sheet,
                Member = member,
                MemberFormat = memberFormat,
                Geography = geography.Value,
                Vintage = vintage,
                Period = Scalar(entry, "period", id)?.Value,
                Columns = columns.ToFrozenDictionary(StringComparer.Ordinal),
                Sha256 = sha,
                MaxBytes = maxBytes,
                Schedule = schedule,
                Enabled = enabled,
                AlternativeTo = Scalar(entry, "alternative_to", id)?.Value,
                Description = Scalar(entry, "description", id)?.Value,
                Options = options.ToFrozenDictionary(StringComparer.Ordinal),
                IndicatorMetadata = indicatorMetadata,
                Line = line,
            };
        }

        private Uri? ReadLocation(YamlMappingNode entry, string? id)
        {
            var node = Scalar(entry, "url", id);
            if (node is null || string.IsNullOrWhiteSpace(node.Value))
            {
                Problem(Line(entry), id, "url", "is required (an https URL, or a file path relative to the catalogue)");
                return null;
            }

            var text = node.Value.Trim();
            if (text.Contains("://", StringComparison.Ordinal))
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                {
                    Problem(Line(node), id, "url", $"'{text}' is not a valid absolute URL");
                    return null;
                }

                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    return uri;
                }

                if (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))))
                {
                    return uri;
                }

                Problem(Line(node), id, "url", $"'{text}' must use https (plain http is accepted only for a loopback test server)");
                return null;
            }

            var path = System.IO.Path.IsPathRooted(text) ? text : System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, text));
            return new Uri(path);
        }

        private Dictionary<string, string>? ReadMap(YamlMappingNode entry, string field, string? id, bool required)
        {
            var node = Child(entry, field);
            if (node is null)
            {
                if (required)
                {
                    Problem(Line(entry), id, field, "is required: a map from canonical field names to the source's headers");
                }

                return null;
            }

            if (node is not YamlMappingNode map || map.Children.Count == 0)
            {
                Problem(Line(node), id, field, "must be a non-empty mapping of name: value");
                return null;
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                var value = (v as YamlScalarNode)?.Value;
                if (string.IsNullOrWhiteSpace(key) || string.IsNullOrEmpty(value))
                {
                    Problem(Line(k), id, $"{field}.{key}", "must map a name to a non-empty text value");
                    continue;
                }

                if (!result.TryAdd(key, value))
                {
                    Problem(Line(k), id, $"{field}.{key}", "is given twice");
                }
            }

            return result;
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
