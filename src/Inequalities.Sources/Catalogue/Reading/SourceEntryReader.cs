using System.Collections.Frozen;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>
/// One entry of <c>sources:</c>: its fields checked one by one (every problem reported), its location, columns,
/// options and indicator metadata read by their own readers, into an immutable <see cref="SourceDefinition"/>.
/// </summary>
internal sealed partial class SourceEntryReader(CatalogueProblems problems, string baseDirectory, CatalogueDefaults defaults) : SectionReader(problems)
{
    private static readonly string[] Fields =
    [
        "id", "kind", "publisher", "licence", "url", "format", "sheet", "member", "member_format", "geography",
        "vintage", "period", "columns", "sha256", "max_bytes", "schedule", "enabled", "alternative_to", "description",
        "options", "fallback_months", "indicator", "indicators", "attribution",
    ];

    private readonly SourceLocationReader _location = new(problems, baseDirectory);
    private readonly ColumnsReader _columns = new(problems);
    private readonly SourceOptionsReader _options = new(problems);
    private readonly IndicatorMetadataReader _metadata = new(problems);

    /// <summary>The ids read so far, with the line of their entry.</summary>
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>kind</c>: a built-in kind, or the name of one registered with <see cref="Kinds.SourceKinds.Register"/> (read as
    /// <see cref="SourceKind.Registered"/>, its name in <see cref="SourceDefinition.KindName"/>).
    /// </summary>
    private (SourceKind? Kind, string? Name) RequiredKind(YamlMappingNode entry, string? id)
    {
        var node = Scalar(entry, "kind", id);
        var builtIn = Enum.GetValues<SourceKind>().Where(k => k != SourceKind.Registered).Select(k => Naming.ToSnake(k.ToString())).ToList();
        var names = string.Join(", ", builtIn.Concat(Kinds.SourceKinds.All.Select(k => k.Name).Where(n => !builtIn.Contains(n))));
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

    public SourceDefinition? Read(YamlMappingNode entry)
    {
        var before = Problems.Count;
        var line = Line(entry);
        var id = ReadId(entry, line);
        CheckFields(entry, Fields, id);
        var (kind, kindName) = RequiredKind(entry, id);
        var publisher = RequiredText(entry, "publisher", id);
        var licence = RequiredText(entry, "licence", id);
        var format = RequiredEnum<SourceFormat>(entry, "format", id);
        var geography = RequiredEnum<GeographyLevel>(entry, "geography", id);
        var (location, locationTemplate) = _location.Read(entry, id, format);
        var sheet = Scalar(entry, "sheet", id)?.Value;
        var member = Scalar(entry, "member", id)?.Value;
        var memberFormat = ReadMember(entry, id, line, format, sheet, member);
        var vintage = Scalar(entry, "vintage", id) is { } v
            ? WholeNumber(v.Value!, 1990, 2100, Line(v), id, "vintage", "is not a year between 1990 and 2100")
            : null;
        var sha = ReadSha256(entry, id);
        var maxBytes = Scalar(entry, "max_bytes", id) is { } maxNode && Size(maxNode, id, "max_bytes") is { } m ? m : defaults.MaxBytes;
        var schedule = Scalar(entry, "schedule", id) is { } sched ? Cron(sched, id, "schedule") : null;
        var enabled = Scalar(entry, "enabled", id) is not { } en || (Bool(en.Value!, Line(en), id, "enabled") ?? true);
        var fallbackMonths = ReadFallbackMonths(entry, id, locationTemplate, member);
        var (columns, aliases) = _columns.Read(entry, id);
        if (kind is { } k && columns is not null)
        {
            CanonicalFields.Validate(kindName!, columns, (field, message) => Problem(line, id, field, message));
        }

        var optionText = _options.ReadText(entry, id);
        var indicatorMetadata = _metadata.Read(entry, id, kind, columns);
        var options = _options.Read(entry, id, optionText, kind, format, columns);
        if (Problems.Count > before || id is null || kind is null || format is null || geography is null || location is null || publisher is null || licence is null || columns is null)
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
            Options = options,
            OptionText = optionText.ToFrozenDictionary(StringComparer.Ordinal),
            IndicatorMetadata = indicatorMetadata,
            Line = line,
        };
    }

    private string? ReadId(YamlMappingNode entry, int line)
    {
        var idNode = Scalar(entry, "id", null);
        var id = idNode?.Value;
        if (string.IsNullOrEmpty(id))
        {
            Problem(line, null, "id", "is required");
            return null;
        }

        if (!IdPattern().IsMatch(id))
        {
            Problem(Line(idNode!), id, "id", "must be 1 to 64 characters of a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        else if (Ids.TryGetValue(id, out var firstLine))
        {
            Problem(Line(idNode!), id, "id", $"is a duplicate of the entry at line {firstLine}");
        }
        else
        {
            Ids[id] = line;
        }

        return id;
    }

    /// <summary>The zip member's format, after checking sheet, member and member_format against the format.</summary>
    private SourceFormat? ReadMember(YamlMappingNode entry, string? id, int line, SourceFormat? format, string? sheet, string? member)
    {
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
            else if (!ZipMembers.IsValidPattern(member))
            {
                Problem(line, id, "member", $"'{member}' has a '*' in a folder; only the file name may be a pattern (e.g. Data/CSV/*.csv)");
            }
            else if (ZipMembers.IsPattern(member) && memberFormat is not (null or SourceFormat.Csv))
            {
                Problem(line, id, "member", $"'{member}' is a pattern; a pattern reads CSV members only (member_format: csv)");
            }
            else
            {
                foreach (var problem in MonthTemplate.Problems(member))
                {
                    Problem(line, id, "member", problem);
                }
            }

            if (memberFormat is null && !Problems.Has(id, "member_format"))
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

        return memberFormat;
    }

    private string? ReadSha256(YamlMappingNode entry, string? id)
    {
        if (Scalar(entry, "sha256", id) is not { } node)
        {
            return null;
        }

        var sha = node.Value!.ToLowerInvariant();
        if (!Sha256Pattern().IsMatch(sha))
        {
            Problem(Line(node), id, "sha256", "must be 64 hexadecimal characters");
        }

        return sha;
    }

    private int ReadFallbackMonths(YamlMappingNode entry, string? id, string? locationTemplate, string? member)
    {
        if (Scalar(entry, "fallback_months", id) is not { } node)
        {
            return 0;
        }

        if (WholeNumber(node.Value!, 0, SourceCatalogue.MaxFallbackMonths, Line(node), id, "fallback_months", $"is not a whole number from 0 to {SourceCatalogue.MaxFallbackMonths}") is not { } months)
        {
            return 0;
        }

        if (months > 0 && locationTemplate is null && !MonthTemplate.HasTokens(member))
        {
            Problem(Line(node), id, "fallback_months", "is only used when the url or member has a {month:FORMAT} token");
        }

        return months;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
