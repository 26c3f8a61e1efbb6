using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Net;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue;

/// <content>Reading and validating one entry of <c>sources:</c>.</content>
public sealed partial class SourceCatalogue
{
    /// <summary>The most earlier months <c>fallback_months</c> may ask for.</summary>
    public const int MaxFallbackMonths = 12;

    [GeneratedRegex("/(FeatureServer|MapServer)/[0-9]+/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArcGisLayerPattern();

    private sealed partial class Reader
    {
        /// <summary>
        /// <c>kind</c>: a built-in kind, or the name of one registered with <see cref="Kinds.SourceKinds.Register"/>
        /// (read as <see cref="SourceKind.Registered"/>).
        /// </summary>
        private (SourceKind? Kind, string? Name) RequiredKind(YamlMappingNode entry, string? id)
        {
            var node = Scalar(entry, "kind", id);
            var builtIn = Enum.GetValues<SourceKind>().Where(k => k != SourceKind.Registered).ToList();
            var names = string.Join(", ", builtIn.Select(k => Naming.ToSnake(k.ToString())).Concat(
                Kinds.SourceKinds.All.Select(k => k.Name).Where(n => !builtIn.Any(b => Naming.ToSnake(b.ToString()) == n))));
            if (node is null || string.IsNullOrWhiteSpace(node.Value))
            {
                Problem(Line(entry), id, "kind", $"is required (one of {names})");
                return (null, null);
            }

            if (Naming.TryParseEnum<SourceKind>(node.Value, out var kind) && kind != SourceKind.Registered)
            {
                return (kind, Naming.ToSnake(kind.ToString()));
            }

            if (Kinds.SourceKinds.TryFind(node.Value, out var registered))
            {
                return (SourceKind.Registered, registered.Name);
            }

            Problem(Line(node), id, "kind", $"'{node.Value}' is not one of {names}");
            return (null, null);
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
            var (kind, kindName) = RequiredKind(entry, id);
            var publisher = RequiredText(entry, "publisher", id);
            var licence = RequiredText(entry, "licence", id);
            var format = RequiredEnum<SourceFormat>(entry, "format", id);
            var geography = RequiredEnum<GeographyLevel>(entry, "geography", id);
            var (location, locationTemplate) = ReadLocation(entry, id, format);

            var sheet = Scalar(entry, "sheet", id)?.Value;
            var member = Scalar(entry, "member", id)?.Value;
            SourceFormat? memberFormat = null;
            if (Scalar(entry, "member_format", id) is { } mf)
            {
                if (Naming.TryParseEnum<SourceFormat>(mf.Value!, out var f) && f is not SourceFormat.Zip and not SourceFormat.CsvGz and not SourceFormat.ArcGis)
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
                else
                {
                    foreach (var problem in MonthTemplate.Problems(member))
                    {
                        Problem(line, id, "member", problem);
                    }
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

            var fallbackMonths = 0;
            if (Scalar(entry, "fallback_months", id) is { } fallback)
            {
                if (!int.TryParse(fallback.Value, NumberStyles.None, CultureInfo.InvariantCulture, out fallbackMonths) || fallbackMonths > MaxFallbackMonths)
                {
                    Problem(Line(fallback), id, "fallback_months", $"'{fallback.Value}' is not a whole number from 0 to {MaxFallbackMonths}");
                    fallbackMonths = 0;
                }
                else if (fallbackMonths > 0 && locationTemplate is null && !MonthTemplate.HasTokens(member))
                {
                    Problem(Line(fallback), id, "fallback_months", "is only used when the url or member has a {month:FORMAT} token");
                }
            }

            var (columns, aliases) = ReadColumns(entry, id);
            if (kind is { } k && columns is not null)
            {
                CanonicalFields.Validate(kindName!, columns, (field, message) => Problem(line, id, field, message));
            }

            var options = ReadMap(entry, "options", id, required: false) ?? new Dictionary<string, string>();
            var indicatorMetadata = ReadIndicatorMetadata(entry, id, kind, columns);
            if (format == SourceFormat.ArcGis)
            {
                CheckArcGisOptions(entry, id, options);
            }

            if (_problems.Count > before || id is null || kind is null || format is null || geography is null || location is null || publisher is null || licence is null || columns is null)
            {
                return null;
            }

            return new SourceDefinition
            {
                Id = id,
                Kind = kind.Value,
                KindName = kindName!,
                Publisher = publisher,
                Licence = licence,
                Url = Scalar(entry, "url", id)!.Value!,
                Location = location,
                LocationTemplate = locationTemplate,
                FallbackMonths = fallbackMonths,
                Format = format.Value,
                Sheet = sheet,
                Member = member,
                MemberFormat = memberFormat,
                Geography = geography.Value,
                Vintage = vintage,
                Period = Scalar(entry, "period", id)?.Value,
                Columns = columns.ToFrozenDictionary(StringComparer.Ordinal),
                ColumnAliases = aliases.ToFrozenDictionary(StringComparer.Ordinal),
                Sha256 = sha,
                MaxBytes = maxBytes,
                Schedule = schedule,
                Enabled = enabled,
                AlternativeTo = Scalar(entry, "alternative_to", id)?.Value,
                Description = Scalar(entry, "description", id)?.Value,
                Attribution = Scalar(entry, "attribution", id)?.Value,
                Options = options.ToFrozenDictionary(StringComparer.Ordinal),
                IndicatorMetadata = indicatorMetadata,
                Line = line,
            };
        }

        private (Uri? Location, string? Template) ReadLocation(YamlMappingNode entry, string? id, SourceFormat? format)
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

        private (Dictionary<string, string>? Columns, Dictionary<string, ImmutableArray<string>> Aliases) ReadColumns(YamlMappingNode entry, string? id)
        {
            var aliases = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
            var node = Child(entry, "columns");
            if (node is null)
            {
                Problem(Line(entry), id, "columns", "is required: a map from canonical field names to the source's headers");
                return (null, aliases);
            }

            if (node is not YamlMappingNode map || map.Children.Count == 0)
            {
                Problem(Line(node), id, "columns", "must be a non-empty mapping of name: header (or name: [header, header, ...])");
                return (null, aliases);
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                List<string>? headers = v switch
                {
                    YamlScalarNode { Value: { Length: > 0 } one } => [one],
                    YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode { Value: { Length: > 0 } }) =>
                        [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)],
                    _ => null,
                };
                if (string.IsNullOrWhiteSpace(key) || headers is null)
                {
                    Problem(Line(k), id, $"columns.{key}", "must map a name to a header, or to a non-empty list of accepted headers");
                    continue;
                }

                if (headers.Distinct(StringComparer.Ordinal).Count() != headers.Count)
                {
                    Problem(Line(k), id, $"columns.{key}", "lists the same header twice");
                    continue;
                }

                if (!result.TryAdd(key, headers[0]))
                {
                    Problem(Line(k), id, $"columns.{key}", "is given twice");
                }
                else if (headers.Count > 1 || v is YamlSequenceNode)
                {
                    aliases[key] = [.. headers];
                }
            }

            return (result, aliases);
        }

        private void CheckArcGisOptions(YamlMappingNode entry, string? id, Dictionary<string, string> options)
        {
            var line = Child(entry, "options") is { } node ? Line(node) : Line(entry);
            if (options.TryGetValue("return_geometry", out var geometry) && !bool.TryParse(geometry, out _))
            {
                Problem(line, id, "options.return_geometry", $"'{geometry}' is not true or false");
            }

            if (options.TryGetValue("out_sr", out var sr) && !(int.TryParse(sr, NumberStyles.None, CultureInfo.InvariantCulture, out var wkid) && wkid > 0))
            {
                Problem(line, id, "options.out_sr", $"'{sr}' is not a spatial reference id (a positive whole number such as 4326 or 27700)");
            }

            if (options.TryGetValue("where", out var where) && string.IsNullOrWhiteSpace(where))
            {
                Problem(line, id, "options.where", "is empty; leave it out to ask for every row (1=1)");
            }
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
    }
}
