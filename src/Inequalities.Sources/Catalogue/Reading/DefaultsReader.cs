using YamlDotNet.RepresentationModel;

namespace Inequalities.Sources.Catalogue.Reading;

/// <summary>The <c>defaults:</c> section: schedule, time zone, size limit, snapshots kept, User-Agent.</summary>
internal sealed class DefaultsReader(CatalogueProblems problems) : SectionReader(problems)
{
    private static readonly string[] Fields = ["schedule", "time_zone", "max_bytes", "keep_snapshots", "user_agent"];

    public CatalogueDefaults Read(YamlMappingNode root)
    {
        var defaults = new CatalogueDefaults();
        if (Section(root, "defaults", "must be a mapping") is not { } map)
        {
            return defaults;
        }

        CheckFields(map, Fields, null, "defaults.");
        if (Scalar(map, "schedule", null) is { } schedule && Cron(schedule, null, "defaults.schedule") is { } cron)
        {
            defaults = defaults with { Schedule = cron };
        }

        if (Scalar(map, "time_zone", null) is { } tz)
        {
            if (CatalogueTimeZones.TryFind(tz.Value, out var zone))
            {
                defaults = defaults with { TimeZone = zone };
            }
            else
            {
                Problem(Line(tz), null, "defaults.time_zone", $"'{tz.Value}' is not {CatalogueTimeZones.Expected}");
            }
        }

        if (Scalar(map, "max_bytes", null) is { } max && Size(max, null, "defaults.max_bytes") is { } bytes)
        {
            defaults = defaults with { MaxBytes = bytes };
        }

        if (Scalar(map, "keep_snapshots", null) is { } keep &&
            WholeNumber(keep.Value!, 1, int.MaxValue, Line(keep), null, "defaults.keep_snapshots", "is not a whole number of at least 1") is { } n)
        {
            defaults = defaults with { KeepSnapshots = n };
        }

        if (Scalar(map, "user_agent", null) is { } ua)
        {
            defaults = defaults with { UserAgent = ua.Value };
        }

        return defaults;
    }
}
